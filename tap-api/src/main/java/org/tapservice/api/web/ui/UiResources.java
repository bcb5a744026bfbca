package org.tapservice.api.web.ui;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The page's files, from the jar. Browsers check them again on every load (a 304 when unchanged):
 * a cached script of the previous version beside a new index.html, as after an upgrade of the
 * instances, would break the page.
 */
@Configuration
public class UiResources implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/ui/**").addResourceLocations("classpath:/static/ui/")
                .setCacheControl(CacheControl.noCache());
    }
}

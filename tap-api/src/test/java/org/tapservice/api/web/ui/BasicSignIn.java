package org.tapservice.api.web.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * HTTP Basic authentication for the page's sign-in test, until the service has its own: a user
 * {@code name} signs in with the password {@code secret-name}; requests without credentials stay
 * anonymous, wrong credentials get 401. Everything after it (job owners, the job list, the page's
 * settings) is the service's own code seeing an authenticated principal.
 */
@TestConfiguration
class BasicSignIn {

    static final String PASSWORD_PREFIX = "secret-";

    @Bean
    FilterRegistrationBean<Filter> basicSignInFilter() {
        return new FilterRegistrationBean<>(BasicSignIn::authenticate);
    }

    private static void authenticate(ServletRequest servletRequest, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            chain.doFilter(request, response);
            return;
        }
        String[] credentials = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8)
                .split(":", 2);
        if (credentials.length != 2 || !credentials[1].equals(PASSWORD_PREFIX + credentials[0])) {
            ((HttpServletResponse) response).sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        Principal user = () -> credentials[0];
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return user;
            }

            @Override
            public String getRemoteUser() {
                return user.getName();
            }
        }, response);
    }
}

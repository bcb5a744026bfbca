package org.tapservice.api.config;

import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.tapservice.core.datalink.DataLinkAnnotations;
import org.tapservice.core.query.ResultAnnotations;

/**
 * DataLink ({@code tap.datalink.*}).
 *
 * @param publicUrl the service's base URL as clients reach it (what /capabilities shows behind the
 *                  load balancer), e.g. https://archive.example.org/tap. Sync results and /links
 *                  take the URL from the request; an async job runs on whichever instance claims it,
 *                  away from any request, so its result carries a {links} service descriptor only
 *                  when this is set.
 */
@ConfigurationProperties("tap.datalink")
public record DataLinkProperties(String publicUrl) {

    /** The path of the {links} endpoint under the base URL: a sibling of the VOSI resources, as DataLink asks. */
    public static final String LINKS_PATH = "/links";

    public DataLinkProperties {
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip().replaceAll("/+$", "");
    }

    /** The annotations of async results: TAP's, with the {links} descriptor when the public URL is known. */
    public ResultAnnotations asyncAnnotations() {
        return Optional.ofNullable(publicUrl)
                .<ResultAnnotations>map(url -> new DataLinkAnnotations(url + LINKS_PATH))
                .orElse(ResultAnnotations.TAP);
    }
}

package org.tapservice.core.datalink;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * URLs an archive stores relative to the service (links to its own endpoints), completed with
 * the base URL the client used, so that they hold behind a proxy and on every instance.
 */
final class ServiceUrls {

    private ServiceUrls() {
    }

    /** An absolute URL as it is; anything else is taken relative to the service's base URL. */
    static String resolve(String baseUrl, String url) {
        try {
            if (new URI(url).isAbsolute()) {
                return url;
            }
        } catch (URISyntaxException notAUri) {
            // stored text that is no URI is passed on untouched rather than hidden
            return url;
        }
        return baseUrl + (url.startsWith("/") ? "" : "/") + url;
    }
}

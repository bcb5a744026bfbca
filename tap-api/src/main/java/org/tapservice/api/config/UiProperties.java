package org.tapservice.api.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web page served under {@code <base URL>/ui/} ({@code tap.ui.*}).
 *
 * @param hipsUrl the base URL of a HiPS survey the sky view draws results on, for instance an
 *                archive's own; none by default, and then positions are drawn on a blank sky:
 *                the page fetches nothing from any host but this service unless told to
 * @param signIn  how the page signs users in: {@code none} (every user is anonymous; the page
 *                remembers the ids of the jobs it created in the browser), or {@code basic}
 *                (a name and password sent as HTTP Basic credentials, for a service that
 *                authenticates requests so; the page then lists the user's jobs from /async)
 */
@ConfigurationProperties("tap.ui")
public record UiProperties(URI hipsUrl, @DefaultValue("none") SignIn signIn) {

    public UiProperties {
        if (hipsUrl != null && !("https".equals(hipsUrl.getScheme()) || "http".equals(hipsUrl.getScheme()))) {
            throw new IllegalArgumentException("tap.ui.hips-url must be an http or https URL, got '" + hipsUrl + "'");
        }
    }

    public Optional<URI> hips() {
        return Optional.ofNullable(hipsUrl);
    }

    public enum SignIn {
        NONE, BASIC;

        /** The name the page and the configuration use. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

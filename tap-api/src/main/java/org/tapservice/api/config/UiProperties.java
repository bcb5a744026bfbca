package org.tapservice.api.config;

import java.net.URI;
import java.util.List;
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
 *                authenticates requests so; the page then lists the user's jobs from /async), or
 *                {@code oidc} (the OpenID Connect authorization-code flow with PKCE against the
 *                identity provider {@code oidc} names; the page then sends its access token as a
 *                bearer token, for a service that takes the provider's tokens)
 * @param oidc    the identity provider and the page's client there, for {@code sign-in=oidc}
 */
@ConfigurationProperties("tap.ui")
public record UiProperties(URI hipsUrl, @DefaultValue("none") SignIn signIn, @DefaultValue Oidc oidc) {

    public UiProperties {
        if (hipsUrl != null && !("https".equals(hipsUrl.getScheme()) || "http".equals(hipsUrl.getScheme()))) {
            throw new IllegalArgumentException("tap.ui.hips-url must be an http or https URL, got '" + hipsUrl + "'");
        }
    }

    public Optional<URI> hips() {
        return Optional.ofNullable(hipsUrl);
    }

    /**
     * The page as an OpenID Connect client of the site's identity provider: a public client
     * (it runs in the browser, so it can keep no secret), registered there with the page's
     * address ({@code <base URL>/ui/}) as its redirect URI.
     *
     * @param issuer    the provider's issuer identifier, whose
     *                  {@code /.well-known/openid-configuration} names its endpoints; none:
     *                  {@code tap.security.jwt.issuer}, the issuer the service checks tokens for
     * @param clientId  the page's client id at the provider
     * @param scopes    the scopes the page asks for; {@code openid} is needed for an ID token
     * @param nameClaim the claim of the ID token (or, where the provider keeps profile claims
     *                  there, of its UserInfo) that the page shows as the user's name
     */
    public record Oidc(URI issuer, String clientId, @DefaultValue({"openid", "profile"}) List<String> scopes,
                       @DefaultValue("preferred_username") String nameClaim) {

        public Oidc {
            scopes = List.copyOf(scopes);
        }
    }

    public enum SignIn {
        NONE, BASIC, OIDC;

        /** The name the page and the configuration use. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

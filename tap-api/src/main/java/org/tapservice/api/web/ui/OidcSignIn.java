package org.tapservice.api.web.ui;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

import org.tapservice.api.config.UiProperties;
import org.tapservice.api.security.SecurityProperties;

/**
 * What the page needs to sign users in with the site's OpenID Connect provider: where the
 * provider is (its issuer identifier, from which the page reads the discovery document), the
 * page's public client id there, the scopes to ask for, and the claim to show as the user's
 * name. Checked against the service's own token settings when the service starts, because a
 * page that signs users in with tokens the service then refuses would fail only in a browser,
 * after a round trip to the provider, with nothing an operator could read.
 *
 * @param issuer    the issuer identifier, exactly as the provider's tokens carry it in {@code iss}
 * @param clientId  the page's client id
 * @param scope     the scopes as one space-separated value (RFC 6749, section 3.3)
 * @param nameClaim the claim shown as the user's name
 */
public record OidcSignIn(String issuer, String clientId, String scope, String nameClaim) {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    public OidcSignIn {
        requireNonNull(issuer, "issuer is null");
        requireNonNull(clientId, "clientId is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(nameClaim, "nameClaim is null");
    }

    /** The page's OIDC settings when {@code tap.ui.sign-in=oidc}; fails on a setting that cannot work. */
    static Optional<OidcSignIn> of(UiProperties ui, SecurityProperties security) {
        if (ui.signIn() != UiProperties.SignIn.OIDC) {
            return Optional.empty();
        }
        UiProperties.Oidc oidc = ui.oidc();
        if (!security.accepts(SecurityProperties.Mode.JWT)) {
            throw new IllegalArgumentException("tap.ui.sign-in=oidc needs tap.security.mode to include jwt: the page "
                    + "signs users in at the identity provider and sends its tokens, which the service must take");
        }
        Optional<String> checkedIssuer = present(security.jwt().issuer());
        String issuer = Optional.ofNullable(oidc.issuer()).map(URI::toString)
                .or(() -> checkedIssuer)
                .orElseThrow(() -> new IllegalArgumentException("tap.ui.sign-in=oidc needs the identity provider's "
                        + "issuer: set tap.ui.oidc.issuer or tap.security.jwt.issuer"));
        if (checkedIssuer.isPresent() && !checkedIssuer.get().equals(issuer)) {
            throw new IllegalArgumentException("tap.ui.oidc.issuer is " + issuer + " but the service takes tokens of "
                    + "tap.security.jwt.issuer " + checkedIssuer.get() + " only: users would sign in and be refused");
        }
        URI address = URI.create(issuer);
        // The provider's answers carry the user's tokens; plain http only where they never leave the machine.
        boolean secure = "https".equals(address.getScheme())
                || "http".equals(address.getScheme()) && LOOPBACK.contains(address.getHost());
        if (!secure || address.getHost() == null) {
            throw new IllegalArgumentException("the OIDC issuer must be an https URL (http only on localhost), got '"
                    + issuer + "'");
        }
        String clientId = present(oidc.clientId()).orElseThrow(() -> new IllegalArgumentException(
                "tap.ui.sign-in=oidc needs tap.ui.oidc.client-id, the page's client id at the identity provider"));
        if (!oidc.scopes().contains("openid")) {
            throw new IllegalArgumentException("tap.ui.oidc.scopes must include openid (without it the provider "
                    + "sends no ID token, and the page could not say who signed in), got " + oidc.scopes());
        }
        String nameClaim = present(oidc.nameClaim()).orElse("sub");
        return Optional.of(new OidcSignIn(issuer, clientId, String.join(" ", oidc.scopes()), nameClaim));
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(text -> !text.isEmpty());
    }
}

package org.tapservice.api.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tapservice.api.config.UiProperties;
import org.tapservice.api.security.SecurityProperties;

/**
 * tap.ui.sign-in=oidc: the page learns the provider, its client id, the scopes and the name
 * claim from the service, and a setting with which no sign-in could succeed stops the service
 * at start-up with a message naming it.
 */
class OidcSignInTest {

    private static final String ISSUER = "https://login.example.org/realms/archive";

    @Test
    void thePageSignsInAtTheIssuerWhoseTokensTheServiceTakes() {
        OidcSignIn signIn = OidcSignIn.of(oidc(null, "tap-ui", List.of("openid", "profile"), "preferred_username"),
                takingTokensOf(ISSUER)).orElseThrow();

        assertThat(signIn).isEqualTo(new OidcSignIn(ISSUER, "tap-ui", "openid profile", "preferred_username"));
    }

    @Test
    void anIssuerOfItsOwnMustBeTheOneTheServiceChecks() {
        assertThat(OidcSignIn.of(oidc(URI.create(ISSUER), "tap-ui", List.of("openid"), "name"), takingTokensOf(null)))
                .hasValueSatisfying(signIn -> assertThat(signIn.issuer()).isEqualTo(ISSUER));
        assertThatThrownBy(() -> OidcSignIn.of(oidc(URI.create("https://other.example.org"), "tap-ui",
                List.of("openid"), "name"), takingTokensOf(ISSUER)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tap.ui.oidc.issuer is https://other.example.org")
                .hasMessageContaining("users would sign in and be refused");
    }

    @Test
    void withoutAnIssuerOrAClientIdThereIsNothingToSignInAt() {
        assertThatThrownBy(() -> OidcSignIn.of(oidc(null, "tap-ui", List.of("openid"), "name"), takingTokensOf(null)))
                .hasMessageContaining("set tap.ui.oidc.issuer or tap.security.jwt.issuer");
        assertThatThrownBy(() -> OidcSignIn.of(oidc(null, " ", List.of("openid"), "name"), takingTokensOf(ISSUER)))
                .hasMessageContaining("tap.ui.oidc.client-id");
    }

    @Test
    void theServiceMustTakeBearerTokens() {
        SecurityProperties basicOnly = security(Set.of(SecurityProperties.Mode.BASIC), ISSUER);

        assertThatThrownBy(() -> OidcSignIn.of(oidc(null, "tap-ui", List.of("openid"), "name"), basicOnly))
                .hasMessageContaining("tap.security.mode to include jwt");
    }

    @Test
    void tokensTravelOverHttpsOrStayOnTheMachine() {
        assertThat(OidcSignIn.of(oidc(URI.create("http://127.0.0.1:18601"), "tap-ui", List.of("openid"), "name"),
                takingTokensOf(null))).isPresent();
        assertThatThrownBy(() -> OidcSignIn.of(oidc(URI.create("http://login.example.org"), "tap-ui",
                List.of("openid"), "name"), takingTokensOf(null)))
                .hasMessageContaining("must be an https URL (http only on localhost)");
    }

    @Test
    void withoutTheOpenidScopeNoIdTokenSaysWhoSignedIn() {
        assertThatThrownBy(() -> OidcSignIn.of(oidc(null, "tap-ui", List.of("profile"), "name"), takingTokensOf(ISSUER)))
                .hasMessageContaining("tap.ui.oidc.scopes must include openid");
    }

    @Test
    void otherSignInsHaveNoProvider() {
        UiProperties basic = new UiProperties(null, UiProperties.SignIn.BASIC,
                new UiProperties.Oidc(URI.create(ISSUER), "tap-ui", List.of("openid"), "name"));

        assertThat(OidcSignIn.of(basic, takingTokensOf(ISSUER))).isEmpty();
    }

    private static UiProperties oidc(URI issuer, String clientId, List<String> scopes, String nameClaim) {
        return new UiProperties(null, UiProperties.SignIn.OIDC, new UiProperties.Oidc(issuer, clientId, scopes, nameClaim));
    }

    private static SecurityProperties takingTokensOf(String issuer) {
        return security(Set.of(SecurityProperties.Mode.JWT), issuer);
    }

    private static SecurityProperties security(Set<SecurityProperties.Mode> mode, String issuer) {
        return new SecurityProperties(mode, "TAP", true, new SecurityProperties.Basic(List.of(), Duration.ZERO),
                new SecurityProperties.Jwt("https://login.example.org/certs", null, null, issuer, List.of(), "sub", "roles",
                        Duration.ofMinutes(5), Duration.ofSeconds(60)));
    }
}

package org.tapservice.api.web.ui;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tapservice.api.RunningService;
import org.tapservice.api.security.IdentityProvider;

/**
 * The page's sign-in at an OpenID Connect provider (tap.ui.sign-in=oidc) on a service that takes
 * that provider's bearer tokens (tap.security.mode=jwt, keys from its JWK Set URL): the
 * authorization-code flow with PKCE through the provider's form, the user's name shown, their
 * job theirs for the API too and invisible to another user's token, signing out, and an
 * expired or forged token leading the page to ask for a new sign-in. The provider is the test
 * provider of this JVM, a real peer of the protocol; the page is registered there as a public
 * client whose redirect URI is the page's address. Driven by src/main/ui/test/oidc-sign-in.mjs.
 */
class OidcSignInWebPageTest extends RunningService {

    private static final IdentityProvider PROVIDER = new IdentityProvider();
    private static final String CLIENT_ID = "tap-ui";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PROVIDER::close));
    }

    @DynamicPropertySource
    static void signInAtTheProvider(DynamicPropertyRegistry registry) {
        registry.add("tap.ui.sign-in", () -> "oidc");
        registry.add("tap.ui.oidc.client-id", () -> CLIENT_ID);
        registry.add("tap.security.mode", () -> "jwt");
        registry.add("tap.security.jwt.jwks-url", PROVIDER::jwksUrl);
        registry.add("tap.security.jwt.issuer", PROVIDER::issuer);
        registry.add("tap.security.jwt.audience", () -> IdentityProvider.AUDIENCE);
        // tokens of a few seconds expire during the test: the service must not take them for a minute more
        registry.add("tap.security.jwt.clock-skew", () -> "1s");
    }

    @BeforeAll
    void registerThePageAndLoadTheDemoCatalogue() {
        PROVIDER.register(CLIENT_ID, baseUrl() + "/ui/");
        loadDemoCatalogue(1_000);
    }

    @Test
    void usersSignInAtTheProviderAndSeeTheirOwnJobsOnly() throws Exception {
        BrowserTest.run("oidc-sign-in", baseUrl());
    }
}

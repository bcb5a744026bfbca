package org.tapservice.api.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Who the service takes a caller for: anonymous without credentials, the user a valid bearer
 * token or a right Basic password names, and refused (401 with a challenge and a DALI error
 * document, never anonymous) for anything else.
 */
class AuthenticationTest extends SecuredService {

    private static final String SYNC = "/sync" + query("LANG", "ADQL", "QUERY", "SELECT id FROM science.sources");

    @Test
    void anonymousCallersQueryPublicDataAndReadTheVosiResources() throws Exception {
        for (String path : new String[] {SYNC, "/tables", "/capabilities", "/availability", "/examples"}) {
            assertThat(get(As.ANONYMOUS, path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void aValidBearerTokenMakesItsSubjectTheOwnerOfTheJobsItCreates() throws Exception {
        As bob = As.user("bob");
        assertThat(get(bob, SYNC).statusCode()).isEqualTo(200);

        String job = createJob(bob, "LANG", "ADQL", "QUERY", "SELECT id FROM science.sources");

        assertThat(get(bob, "/async/" + job + "/owner").body()).isEqualTo("bob");
    }

    @Test
    void anExpiredTokenIsRefusedWithAChallengeSayingSo() throws Exception {
        HttpResponse<String> response = get(As.bearer(PROVIDER.expiredToken("bob")), SYNC);

        assertRefusedToken(response, "expired");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        assertRefusedToken(get(As.bearer(PROVIDER.forgedToken("bob")), SYNC), "signature");
    }

    @Test
    void aTokenOfAnotherIssuerOrForAnotherAudienceIsRefused() throws Exception {
        assertRefusedToken(get(As.bearer(PROVIDER.tokenWith("bob", Map.of("iss", "https://elsewhere.example.org"))),
                SYNC), "iss");
        assertRefusedToken(get(As.bearer(PROVIDER.tokenWith("bob", Map.of("aud", "another-service"))), SYNC), "aud");
    }

    @Test
    void aTokenThatIsNoJwtIsRefusedEvenOnPublicResources() throws Exception {
        assertRefusedToken(get(As.bearer("not-a-token"), "/capabilities"), "");
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        String signed = PROVIDER.token("bob");
        String[] parts = signed.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(UTF_8));

        assertRefusedToken(get(As.bearer(none + "." + parts[1] + "."), SYNC), "");
    }

    @Test
    void theRightBasicPasswordAuthenticatesTheConfiguredUser() throws Exception {
        As alice = As.basic("alice", ALICE_PASSWORD);
        String job = createJob(alice, "LANG", "ADQL", "QUERY", "SELECT id FROM science.sources");
        assertThat(get(alice, "/async/" + job + "/owner").body()).isEqualTo("alice");

        As carol = As.basic("carol", CAROL_PASSWORD);
        assertThat(get(carol, SYNC).statusCode()).as("a bcrypt password").isEqualTo(200);
    }

    @Test
    void aWrongBasicPasswordOrAnUnknownUserIsRefusedWithAChallenge() throws Exception {
        for (As wrong : new As[] {As.basic("alice", "guess"), As.basic("mallory", ALICE_PASSWORD)}) {
            HttpResponse<String> response = get(wrong, SYNC);

            assertError(response, 401, "the user name or password is wrong");
            assertThat(response.headers().allValues("WWW-Authenticate"))
                    .anySatisfy(challenge -> assertThat(challenge).startsWith("Basic realm=\"TAP\""))
                    .anySatisfy(challenge -> assertThat(challenge).startsWith("Bearer realm=\"TAP\""));
        }
    }

    @Test
    void credentialsOfASchemeTheServiceDoesNotTakeAreRefusedNotIgnored() throws Exception {
        HttpResponse<String> response = get(new As(Optional.of("Digest username=\"alice\"")), SYNC);

        assertError(response, 401, "does not accept 'digest' credentials");
    }

    @Test
    void aUrlTheFirewallRefusesIsAnsweredWithAnErrorDocument() throws Exception {
        assertError(get(As.ANONYMOUS, "/sync;jsessionid=1"), 400, "the request was refused");
    }

    @Test
    void theServiceKeepsNoSession() throws Exception {
        HttpResponse<String> response = get(As.basic("alice", ALICE_PASSWORD), SYNC);

        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void theProvidersKeysAreFetchedOnceAndThenServedFromTheCache() throws Exception {
        get(As.user("bob"), SYNC);
        int fetches = PROVIDER.jwksFetches();

        for (int i = 0; i < 5; i++) {
            assertThat(get(As.user("bob" + i), SYNC).statusCode()).isEqualTo(200);
        }

        assertThat(PROVIDER.jwksFetches()).isEqualTo(fetches).isPositive();
    }

    @Test
    void theCapabilitiesDeclareTheSecurityMethodsAndKeepAnAnonymousInterface() throws Exception {
        String capabilities = get(As.ANONYMOUS, "/capabilities").body();
        String tap = capabilities.substring(capabilities.indexOf("standardID=\"ivo://ivoa.net/std/TAP\""));
        tap = tap.substring(0, tap.indexOf("</capability>"));

        assertThat(tap.split("<interface ")).as("an anonymous interface and an authenticated one").hasSize(3);
        assertThat(tap).contains("<securityMethod standardID=\"ivo://ivoa.net/sso#BasicAA\"")
                .contains("<securityMethod standardID=\"ivo://ivoa.net/sso#token\"");
        assertThat(tap.substring(0, tap.indexOf("</interface>"))).doesNotContain("securityMethod");
    }

    private static void assertRefusedToken(HttpResponse<String> response, String reason) {
        assertError(response, 401, "the bearer token was refused");
        assertThat(response.body()).containsIgnoringCase(reason);
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .anySatisfy(challenge -> assertThat(challenge).startsWith("Bearer realm=\"TAP\"")
                        .contains("error=\"invalid_token\""));
    }
}

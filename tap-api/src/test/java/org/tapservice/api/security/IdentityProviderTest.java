package org.tapservice.api.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The test provider keeps the code flow's rules (RFC 6749 section 4.1, RFC 7636), so that the
 * page's sign-in tested against it is tested against the protocol: a code goes only to a
 * registered redirect URI, is exchanged once, and only with the verifier whose S256 hash the
 * authorization request carried.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityProviderTest {

    private static final String CLIENT = "tap-ui";
    private static final String REDIRECT = "http://localhost:18601/tap/ui/";
    private static final String VERIFIER = "a-verifier-of-the-forty-three-characters-needed-at-least";

    private final IdentityProvider provider = new IdentityProvider();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    IdentityProviderTest() {
        provider.register(CLIENT, REDIRECT);
    }

    @AfterAll
    void stop() {
        provider.close();
    }

    @Test
    void theDiscoveryDocumentNamesTheIssuerAndItsEndpoints() throws Exception {
        HttpResponse<String> discovery = get(provider.issuer() + "/.well-known/openid-configuration");

        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("\"issuer\":\"" + provider.issuer() + "\"",
                "\"token_endpoint\":\"" + provider.issuer() + "/token\"", "\"code_challenge_methods_supported\":[\"S256\"]");
    }

    @Test
    void aCodeExchangedWithItsVerifierGivesTokensOnce() throws Exception {
        String code = authorize("alice", IdentityProvider.challenge(VERIFIER));

        HttpResponse<String> tokens = exchange(code, VERIFIER);

        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        assertThat(tokens.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        SignedJWT access = SignedJWT.parse(field(tokens.body(), "access_token"));
        assertThat(access.verify(new RSASSAVerifier(provider.publicKey()))).isTrue();
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo("alice");
        assertThat(access.getJWTClaimsSet().getAudience()).containsExactly(IdentityProvider.AUDIENCE);
        SignedJWT identity = SignedJWT.parse(field(tokens.body(), "id_token"));
        assertThat(identity.getJWTClaimsSet().getAudience()).containsExactly(CLIENT);
        assertThat(identity.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-0S6_WzA2Mj");
        assertThat(exchange(code, VERIFIER).body()).contains("\"error\":\"invalid_grant\"", "unknown, used or expired");
    }

    @Test
    void theTokenEndpointRefusesAWrongVerifier() throws Exception {
        String code = authorize("alice", IdentityProvider.challenge(VERIFIER));

        HttpResponse<String> refused = exchange(code, VERIFIER.replace('a', 'b'));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"error\":\"invalid_grant\"",
                "the code_verifier does not match the code_challenge");
    }

    @Test
    void anUnregisteredRedirectUriGetsAnErrorPageNotTheCode() throws Exception {
        HttpResponse<String> answer = get(provider.issuer() + "/authorize?" + query("response_type", "code",
                "client_id", CLIENT, "redirect_uri", "https://evil.example.org/", "scope", "openid",
                "code_challenge", IdentityProvider.challenge(VERIFIER), "code_challenge_method", "S256"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
        assertThat(answer.body()).contains("is not registered with the redirect URI https://evil.example.org/");
    }

    @Test
    void aRequestWithoutPkceIsSentBackWithAnError() throws Exception {
        HttpResponse<String> answer = get(provider.issuer() + "/authorize?" + query("response_type", "code",
                "client_id", CLIENT, "redirect_uri", REDIRECT, "scope", "openid", "state", "s1"));

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow())
                .startsWith(REDIRECT + "?error=invalid_request").contains("state=s1");
    }

    /** Shows the sign-in form, then submits it as this user; answers the code sent back. */
    private String authorize(String user, String challenge) throws IOException, InterruptedException {
        String request = query("response_type", "code", "client_id", CLIENT, "redirect_uri", REDIRECT,
                "scope", "openid profile", "state", "af0ifjsldkj", "nonce", "n-0S6_WzA2Mj",
                "code_challenge", challenge, "code_challenge_method", "S256");
        assertThat(get(provider.issuer() + "/authorize?" + request).body()).contains("name=\"username\"");
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(provider.issuer() + "/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(request + "&username=" + user)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        URI back = URI.create(signedIn.headers().firstValue("Location").orElseThrow());
        assertThat(back.toString()).startsWith(REDIRECT + "?");
        Map<String, String> parameters = new HashMap<>();
        for (String pair : back.getRawQuery().split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            parameters.put(nameAndValue[0], URLDecoder.decode(nameAndValue[1], UTF_8));
        }
        assertThat(parameters).containsEntry("state", "af0ifjsldkj").containsEntry("iss", provider.issuer());
        return parameters.get("code");
    }

    private HttpResponse<String> exchange(String code, String verifier) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(provider.issuer() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query("grant_type", "authorization_code", "code", code,
                        "redirect_uri", REDIRECT, "client_id", CLIENT, "code_verifier", verifier))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String query(String... namesAndValues) {
        StringJoiner query = new StringJoiner("&");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.add(URLEncoder.encode(namesAndValues[i], UTF_8) + "=" + URLEncoder.encode(namesAndValues[i + 1], UTF_8));
        }
        return query.toString();
    }

    private static String field(String json, String name) throws ParseException {
        return JSONObjectUtils.parse(json).get(name).toString();
    }
}

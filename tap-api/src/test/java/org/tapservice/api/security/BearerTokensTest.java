package org.tapservice.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * The key sources a site can configure instead of a JWK Set URL (a PEM public key, a JWK, an
 * HMAC secret), and who a valid token names.
 */
class BearerTokensTest {

    private static final String SECRET = "a secret of at least thirty-two bytes, shared";

    @Test
    void aPemPublicKeyChecksTokensSignedWithItsPrivateKey() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                key.toRSAPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        JwtDecoder decoder = decoder(settings(pem, null, "sub"));

        assertThat(decoder.decode(IdentityProvider.sign(key, claims("alice").build())).getSubject()).isEqualTo("alice");
        RSAKey other = new RSAKeyGenerator(2048).keyID("k1").generate();
        assertThatThrownBy(() -> decoder.decode(IdentityProvider.sign(other, claims("alice").build())))
                .isInstanceOf(BadJwtException.class);
    }

    @Test
    void aJwkPublicKeyOfAnEllipticCurveChecksTokensWhateverKeyIdTheyName() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("configured").generate();
        JwtDecoder decoder = decoder(settings(key.toPublicJWK().toJSONString(), null, "sub"));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("another-id").build(),
                claims("bob").build());
        jwt.sign(new ECDSASigner(key));

        assertThat(decoder.decode(jwt.serialize()).getSubject()).isEqualTo("bob");
    }

    @Test
    void anHmacSecretChecksTokensMacedWithIt() throws Exception {
        JwtDecoder decoder = decoder(settings(null, SECRET, "preferred_username"));
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                claims("f81d4fae").claim("preferred_username", "carol").build());
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));

        assertThat(decoder.decode(jwt.serialize()).getClaimAsString("preferred_username")).isEqualTo("carol");
    }

    @Test
    void aTokenWithoutTheUsernameClaimOrWithoutAnExpiryIsRefused() throws Exception {
        JwtDecoder decoder = decoder(settings(null, SECRET, "preferred_username"));

        assertThatThrownBy(() -> decoder.decode(mac(claims("alice").build())))
                .isInstanceOf(JwtValidationException.class).hasMessageContaining("preferred_username");
        assertThatThrownBy(() -> decoder.decode(mac(claims("alice").claim("preferred_username", "alice")
                .expirationTime(null).build())))
                .isInstanceOf(JwtValidationException.class).hasMessageContaining("exp");
    }

    @Test
    void aSiteMustGiveExactlyOneKeySourceAndAStrongEnoughSecret() {
        assertThatThrownBy(() -> decoder(settings(null, null, "sub")))
                .hasMessageContaining("set exactly one of tap.security.jwt.jwks-url, .public-key or .secret");
        assertThatThrownBy(() -> decoder(settings(null, "short", "sub")))
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> decoder(settings("not a key", null, "sub")))
                .hasMessageContaining("neither a JWK");
    }

    @Test
    void theRolesClaimMayBeAListOrAStringAndMayLieInsideAnObject() {
        JWTClaimsSet claims = claims("alice").claim("realm_access", Map.of("roles", List.of("staff", "gaia")))
                .claim("scope", "read write").build();
        Jwt jwt = new Jwt("token", Instant.now(),
                Instant.now().plusSeconds(60), Map.of("alg", "none"), claims.toJSONObject());

        assertThat(Roles.of(new TokenIdentity("sub", "realm_access.roles").convert(jwt))).containsExactlyInAnyOrder(
                "staff", "gaia");
        assertThat(Roles.of(new TokenIdentity("sub", "scope").convert(jwt))).containsExactlyInAnyOrder("read", "write");
        assertThat(Roles.of(new TokenIdentity("sub", "groups").convert(jwt))).isEmpty();
        assertThat(new TokenIdentity("sub", "groups").convert(jwt).getName()).isEqualTo("alice");
    }

    private static String mac(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        return new JWTClaimsSet.Builder().subject(subject).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))));
    }

    private static JwtDecoder decoder(SecurityProperties.Jwt settings) {
        return BearerTokens.decoder(settings, TokenKeys.of(settings));
    }

    private static SecurityProperties.Jwt settings(String publicKey, String secret, String usernameClaim) {
        return new SecurityProperties.Jwt(null, publicKey, secret, null, List.of(), usernameClaim, "roles",
                Duration.ofMinutes(5), Duration.ofSeconds(60));
    }
}

package org.tapservice.api.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenID Connect provider as far as the service sees one: an RSA key made for the test run,
 * its JWK Set served over HTTP from this JVM, and tokens signed with it (or, to forge them,
 * with another key under the same key id). Counts the JWK Set fetches, so tests can show the
 * keys are cached.
 */
final class IdentityProvider implements AutoCloseable {

    static final String ISSUER = "https://login.example.org/realms/archive";
    static final String AUDIENCE = "tap";

    private final RSAKey key;
    private final RSAKey forger;
    private final HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();

    IdentityProvider() {
        try {
            String keyId = UUID.randomUUID().toString();
            key = new RSAKeyGenerator(2048).keyID(keyId).generate();
            forger = new RSAKeyGenerator(2048).keyID(keyId).generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
    }

    String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** The public key, as a site that configures the key instead of the URL gives it. */
    RSAKey publicKey() {
        return key.toPublicJWK();
    }

    int jwksFetches() {
        return fetches.get();
    }

    /** A good token for this user: right issuer and audience, valid for an hour. */
    String token(String user, String... roles) {
        return sign(key, claims(user, Instant.now().plus(Duration.ofHours(1)))
                .claim("roles", List.of(roles)).build());
    }

    /** A token that expired ten minutes ago, beyond any clock skew allowed. */
    String expiredToken(String user) {
        return sign(key, claims(user, Instant.now().minus(Duration.ofMinutes(10))).build());
    }

    /** A token in every way good but signed by someone else's key under the provider's key id. */
    String forgedToken(String user) {
        return sign(forger, claims(user, Instant.now().plus(Duration.ofHours(1))).build());
    }

    String tokenWith(String user, Map<String, Object> changedClaims) {
        JWTClaimsSet.Builder claims = claims(user, Instant.now().plus(Duration.ofHours(1)));
        changedClaims.forEach(claims::claim);
        return sign(key, claims.build());
    }

    private static JWTClaimsSet.Builder claims(String user, Instant expiry) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(user)
                .issueTime(Date.from(expiry.minus(Duration.ofHours(1)))).expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString());
    }

    static String sign(RSAKey signer, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signer));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

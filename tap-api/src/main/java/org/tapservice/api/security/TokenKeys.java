package org.tapservice.api.security;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The keys that bearer tokens must be signed with, from exactly one of the three sources a
 * deployment can give: the identity provider's JWK Set URL, a public key, or a shared secret.
 * Closing stops the background refresh of a JWK Set.
 */
final class TokenKeys implements AutoCloseable {

    /**
     * Asymmetric signatures only from a JWK Set or public key: an HMAC "signed" with a public
     * key is forged. EdDSA is left out: its verifier needs a library the service does not carry.
     */
    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.copyOf(union(JWSAlgorithm.Family.RSA,
            JWSAlgorithm.Family.EC));

    /** HMAC-SHA256 needs a 256-bit key (RFC 7518 3.2). */
    private static final int MIN_SECRET_BYTES = 32;

    /** How long before the cached keys expire a background refresh fetches them anew. */
    private static final Duration REFRESH_AHEAD = Duration.ofSeconds(30);

    private final JWSKeySelector<SecurityContext> selector;
    private final Optional<JWKSource<SecurityContext>> remote;

    private TokenKeys(JWSKeySelector<SecurityContext> selector, Optional<JWKSource<SecurityContext>> remote) {
        this.selector = selector;
        this.remote = remote;
    }

    /** For a service that takes no tokens: selects no key, so no token could pass. */
    static TokenKeys none() {
        return new TokenKeys(new MatchingKeySelector(List.of()), Optional.empty());
    }

    JWSKeySelector<SecurityContext> selector() {
        return selector;
    }

    @Override
    public void close() throws IOException {
        if (remote.isPresent() && remote.get() instanceof Closeable closeable) {
            closeable.close();
        }
    }

    static TokenKeys of(SecurityProperties.Jwt settings) {
        var jwksUrl = SecurityProperties.present(settings.jwksUrl());
        var publicKey = SecurityProperties.present(settings.publicKey());
        var secret = SecurityProperties.present(settings.secret());
        long given = Stream.of(jwksUrl, publicKey, secret).filter(Optional::isPresent).count();
        if (given != 1) {
            throw new IllegalStateException("tap.security.mode includes jwt: set exactly one of tap.security.jwt."
                    + "jwks-url, .public-key or .secret (" + given + " are set)");
        }
        if (jwksUrl.isPresent()) {
            JWKSource<SecurityContext> source = remote(jwksUrl.get(), settings.jwksCacheTime());
            return new TokenKeys(new JWSVerificationKeySelector<>(ASYMMETRIC, source), Optional.of(source));
        }
        List<JWK> keys = publicKey.isPresent() ? configured(publicKey.get()) : List.of(secret(secret.get()));
        return new TokenKeys(new MatchingKeySelector(keys), Optional.empty());
    }

    /**
     * The provider's keys, cached: each request finds them in memory, a background task
     * fetches them again shortly before they expire, and a token signed with a key id not yet
     * seen triggers one (rate-limited) fetch, which is how a rotated key arrives.
     */
    private static JWKSource<SecurityContext> remote(String url, Duration cacheTime) {
        try {
            return JWKSourceBuilder.<SecurityContext>create(URI.create(url).toURL())
                    .cache(cacheTime.toMillis(), JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
                    .refreshAheadCache(Math.min(REFRESH_AHEAD.toMillis(), cacheTime.toMillis() / 2), true)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("tap.security.jwt.jwks-url is not a URL: " + url, e);
        }
    }

    /** A JWK, a JWK Set, a PEM public key or a PEM certificate: only their public parts are kept. */
    static List<JWK> configured(String text) {
        String trimmed = text.strip();
        try {
            List<JWK> keys = new ArrayList<>();
            if (trimmed.startsWith("{")) {
                List<JWK> parsed = trimmed.contains("\"keys\"") ? JWKSet.parse(trimmed).getKeys()
                        : List.of(JWK.parse(trimmed));
                for (JWK key : parsed) {
                    JWK publicPart = key.toPublicJWK();
                    if (publicPart == null) {
                        throw new IllegalStateException("tap.security.jwt.public-key holds a secret key; "
                                + "shared secrets go in tap.security.jwt.secret");
                    }
                    if (!(publicPart instanceof RSAKey || publicPart instanceof ECKey)) {
                        throw new IllegalStateException("tap.security.jwt.public-key: unsupported key type "
                                + publicPart.getKeyType() + " (RSA or EC keys are)");
                    }
                    keys.add(publicPart);
                }
            } else {
                keys.add(fromPem(trimmed));
            }
            return keys;
        } catch (ParseException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("tap.security.jwt.public-key is neither a JWK (JSON) nor a PEM public "
                    + "key or certificate: " + e.getMessage(), e);
        }
    }

    private static JWK fromPem(String pem) throws GeneralSecurityException {
        PublicKey key;
        if (pem.contains("BEGIN CERTIFICATE")) {
            key = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .getPublicKey();
        } else {
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            key = publicKey(new X509EncodedKeySpec(der));
        }
        return switch (key) {
            case RSAPublicKey rsa -> new RSAKey.Builder(rsa).build();
            case ECPublicKey ec -> new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build();
            default -> throw new GeneralSecurityException("unsupported key type " + key.getAlgorithm()
                    + " (RSA or EC keys are)");
        };
    }

    private static PublicKey publicKey(X509EncodedKeySpec spec) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static JWK secret(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("tap.security.jwt.secret must have at least " + MIN_SECRET_BYTES
                    + " bytes (HMAC-SHA256 needs a 256-bit key); it has " + bytes.length);
        }
        return new OctetSequenceKey.Builder(bytes).build();
    }

    private static List<JWSAlgorithm> union(JWSAlgorithm.Family... families) {
        List<JWSAlgorithm> all = new ArrayList<>();
        for (JWSAlgorithm.Family family : families) {
            all.addAll(family);
        }
        return all;
    }

    /**
     * Configured keys serve every token whose algorithm fits their type, whatever key id the
     * token names: a site that configures one key means that key.
     */
    private record MatchingKeySelector(List<JWK> keys) implements JWSKeySelector<SecurityContext> {

        @Override
        public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) {
            JWSAlgorithm algorithm = header.getAlgorithm();
            List<Key> matching = new ArrayList<>();
            for (JWK key : keys) {
                try {
                    switch (key) {
                        case RSAKey rsa when JWSAlgorithm.Family.RSA.contains(algorithm) -> matching.add(rsa.toPublicKey());
                        case ECKey ec when JWSAlgorithm.Family.EC.contains(algorithm)
                                && Curve.forJWSAlgorithm(algorithm).contains(ec.getCurve()) -> matching.add(ec.toPublicKey());
                        case OctetSequenceKey oct when JWSAlgorithm.Family.HMAC_SHA.contains(algorithm) ->
                                matching.add(oct.toSecretKey());
                        default -> {
                        }
                    }
                } catch (JOSEException e) {
                    throw new IllegalStateException("unusable configured key: " + e.getMessage(), e);
                }
            }
            return matching;
        }
    }
}

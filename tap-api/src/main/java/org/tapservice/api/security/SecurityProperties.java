package org.tapservice.api.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tapservice.core.vosi.SecurityMethod;

/**
 * Who may call the service ({@code tap.security.*}). Without authentication every caller is
 * anonymous; with it, a caller who sends credentials is the owner of the jobs they create.
 *
 * @param mode           {@code none}, or the methods accepted: {@code basic}, {@code jwt} or both
 * @param realm          the realm named in WWW-Authenticate challenges
 * @param anonymousAsync whether callers without credentials may use /async (if not, 401)
 * @param basic          HTTP Basic users
 * @param jwt            how bearer tokens are checked
 */
@ConfigurationProperties("tap.security")
public record SecurityProperties(@DefaultValue("none") Set<Mode> mode,
                                 @DefaultValue("TAP") String realm,
                                 @DefaultValue("true") boolean anonymousAsync,
                                 @DefaultValue Basic basic,
                                 @DefaultValue Jwt jwt) {

    public enum Mode { NONE, BASIC, JWT }

    public SecurityProperties {
        mode = Set.copyOf(mode);
        if (mode.contains(Mode.NONE) && mode.size() > 1) {
            throw new IllegalArgumentException("tap.security.mode: none cannot be combined with " + mode);
        }
    }

    public boolean accepts(Mode method) {
        return mode.contains(method);
    }

    /** The methods as the capabilities declare them (VOResource securityMethod). */
    public List<SecurityMethod> securityMethods() {
        List<SecurityMethod> methods = new ArrayList<>();
        if (accepts(Mode.BASIC)) {
            methods.add(SecurityMethod.BASIC_AA);
        }
        if (accepts(Mode.JWT)) {
            methods.add(SecurityMethod.TOKEN);
        }
        return List.copyOf(methods);
    }

    /** Whether any credentials are accepted at all. */
    public boolean authenticates() {
        return !mode.contains(Mode.NONE) && !mode.isEmpty();
    }

    /**
     * The users of a small site, with passwords as {@code {bcrypt}...} or {@code {noop}...}.
     *
     * @param rememberFor how long a password that passed the check passes again without it (0: never)
     */
    public record Basic(@DefaultValue List<User> users, @DefaultValue("5m") Duration rememberFor) {
    }

    public record User(String name, String password, @DefaultValue List<String> roles) {
    }

    /**
     * Bearer tokens (OAuth2 / OIDC JWTs), checked against exactly one of the key sources.
     *
     * @param jwksUrl       the identity provider's JWK Set, fetched and cached (refreshed ahead of
     *                      expiry, and at once for an unknown key id)
     * @param publicKey     a public key as PEM (RSA or EC) or as a JWK / JWK Set in JSON
     * @param secret        an HMAC secret (at least 32 bytes) shared with whoever signs the tokens
     * @param issuer        the {@code iss} every token must carry, when set
     * @param audience      one of these must be in {@code aud}, when any are set
     * @param usernameClaim the claim that names the user (the owner of their jobs)
     * @param rolesClaim    the claim listing the user's roles; dots reach into objects
     *                      ({@code realm_access.roles})
     * @param jwksCacheTime how long fetched keys are used before they are fetched again
     * @param clockSkew     the tolerance of expiry and not-before checks
     */
    public record Jwt(String jwksUrl, String publicKey, String secret, String issuer,
                      @DefaultValue List<String> audience,
                      @DefaultValue("sub") String usernameClaim,
                      @DefaultValue("roles") String rolesClaim,
                      @DefaultValue("5m") Duration jwksCacheTime,
                      @DefaultValue("60s") Duration clockSkew) {

        Optional<String> issuerValue() {
            return present(issuer);
        }
    }

    /** A setting that was given (Spring leaves absent ones null and may bind blank ones as ""). */
    static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isBlank());
    }
}

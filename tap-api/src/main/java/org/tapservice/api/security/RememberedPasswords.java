package org.tapservice.api.security;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * HTTP Basic sends the password with every request, and a bcrypt check costs tens of
 * milliseconds of CPU on purpose: a pyvo job (create, run, wait, fetch, delete) would spend
 * more on checking passwords than on its query. A password that passed is therefore
 * remembered for a while, as an HMAC under a key this instance drew at random, so that the
 * same user and password pass again at the cost of one HMAC. Only successes are remembered;
 * a wrong password always meets the real check.
 */
final class RememberedPasswords implements AuthenticationProvider {

    /** Enough for every user of a small site, on every instance; beyond it the memory starts again. */
    private static final int MAX_REMEMBERED = 4096;

    private final AuthenticationProvider check;
    private final Duration lifetime;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(Authentication authentication, Instant until) {
    }

    RememberedPasswords(AuthenticationProvider check, Duration lifetime, Clock clock) {
        this.check = requireNonNull(check, "check is null");
        this.lifetime = requireNonNull(lifetime, "lifetime is null");
        this.clock = requireNonNull(clock, "clock is null");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        if (lifetime.isZero() || !(attempt.getCredentials() instanceof String password)) {
            return check.authenticate(attempt);
        }
        String fingerprint = fingerprint(attempt.getName(), password);
        Instant now = clock.instant();
        Remembered known = remembered.get(fingerprint);
        if (known != null && now.isBefore(known.until())) {
            return known.authentication();
        }
        Authentication passed = check.authenticate(attempt);
        if (passed != null && passed.isAuthenticated()) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(fingerprint, new Remembered(passed, now.plus(lifetime)));
        }
        return passed;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String fingerprint(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

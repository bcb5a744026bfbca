package org.tapservice.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.tapservice.core.testing.SettableClock;

/** A password that passed is spared the expensive check for a while; nothing else is. */
class RememberedPasswordsTest {

    private final AtomicInteger checks = new AtomicInteger();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** The real check's outcome for alice, counting each time it runs. */
    private final AuthenticationProvider check = new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication attempt) {
            checks.incrementAndGet();
            if (attempt.getName().equals("alice") && "right".equals(attempt.getCredentials())) {
                return UsernamePasswordAuthenticationToken.authenticated("alice", null, List.of());
            }
            throw new BadCredentialsException("wrong");
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    };

    private final RememberedPasswords passwords = new RememberedPasswords(check, Duration.ofMinutes(5), clock);

    @Test
    void aPasswordThatPassedPassesAgainWithoutTheCheckUntilItsTimeIsUp() {
        assertThat(passwords.authenticate(attempt("alice", "right")).isAuthenticated()).isTrue();
        assertThat(passwords.authenticate(attempt("alice", "right")).getName()).isEqualTo("alice");
        assertThat(checks).hasValue(1);

        clock.advance(Duration.ofMinutes(5));
        passwords.authenticate(attempt("alice", "right"));

        assertThat(checks).hasValue(2);
    }

    @Test
    void aWrongPasswordMeetsTheCheckEveryTimeEvenAfterTheRightOnePassed() {
        passwords.authenticate(attempt("alice", "right"));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> passwords.authenticate(attempt("alice", "wrong")))
                    .isInstanceOf(BadCredentialsException.class);
            assertThatThrownBy(() -> passwords.authenticate(attempt("mallory", "right")))
                    .isInstanceOf(BadCredentialsException.class);
        }

        assertThat(checks).hasValue(7);
    }

    @Test
    void aLifetimeOfZeroChecksEveryTime() {
        RememberedPasswords never = new RememberedPasswords(check, Duration.ZERO, clock);

        never.authenticate(attempt("alice", "right"));
        never.authenticate(attempt("alice", "right"));

        assertThat(checks).hasValue(2);
    }

    private static Authentication attempt(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }
}

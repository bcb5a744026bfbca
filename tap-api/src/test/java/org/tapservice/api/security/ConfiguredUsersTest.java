package org.tapservice.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** Mistakes in the Basic users' configuration stop the start-up with a message that names them. */
class ConfiguredUsersTest {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void aPasswordMustNameItsEncoding() {
        assertThatThrownBy(() -> users(new SecurityProperties.User("alice", "plain text", List.of())))
                .hasMessageContaining("the password of alice must start with its encoding, {bcrypt} or {noop}");
    }

    @Test
    void everyUserNeedsANameOfItsOwnAndAPassword() {
        assertThatThrownBy(() -> users(new SecurityProperties.User("alice", "{noop}a", List.of()),
                new SecurityProperties.User("alice", "{noop}b", List.of())))
                .hasMessageContaining("every user needs a name of its own; got 'alice'");
        assertThatThrownBy(() -> users(new SecurityProperties.User("bob", null, List.of())))
                .hasMessageContaining("bob has no password");
        assertThatThrownBy(this::users).hasMessageContaining("tap.security.basic.users is empty");
    }

    @Test
    void usersHaveTheirRoles() {
        var users = users(new SecurityProperties.User("alice", "{noop}a", List.of("staff", "gaia")));

        assertThat(users.loadUserByUsername("alice").getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_staff", "ROLE_gaia");
    }

    private InMemoryUserDetailsManager users(SecurityProperties.User... users) {
        return ConfiguredUsers.of(new SecurityProperties.Basic(List.of(users), Duration.ofMinutes(5)), encoder);
    }
}

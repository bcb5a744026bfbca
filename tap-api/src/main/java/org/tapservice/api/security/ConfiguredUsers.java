package org.tapservice.api.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The HTTP Basic users of a small site, from {@code tap.security.basic.users}. Every password
 * names its encoding ({@code {bcrypt}$2a$...}, or {@code {noop}text} for tests), checked at
 * start-up so that a typo fails the deployment instead of every login.
 */
final class ConfiguredUsers {

    private ConfiguredUsers() {
    }

    static InMemoryUserDetailsManager of(SecurityProperties.Basic settings, PasswordEncoder encoder) {
        if (settings.users().isEmpty()) {
            throw new IllegalStateException("tap.security.mode includes basic but tap.security.basic.users is empty");
        }
        List<UserDetails> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SecurityProperties.User user : settings.users()) {
            String name = user.name();
            if (name == null || name.isBlank() || !names.add(name)) {
                throw new IllegalStateException("tap.security.basic.users: every user needs a name of its own; got '"
                        + name + "'");
            }
            String password = SecurityProperties.present(user.password()).orElseThrow(() ->
                    new IllegalStateException("tap.security.basic.users: " + name + " has no password"));
            try {
                // an empty password would be turned away before its encoding is looked at
                encoder.matches("probe", password);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("tap.security.basic.users: the password of " + name
                        + " must start with its encoding, {bcrypt} or {noop}: " + e.getMessage(), e);
            }
            users.add(User.withUsername(name).password(password).roles(user.roles().toArray(String[]::new)).build());
        }
        return new InMemoryUserDetailsManager(users);
    }
}

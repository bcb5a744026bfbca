package org.tapservice.api.security;

import java.security.Principal;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * A caller's roles, as Basic users are given them in the configuration and tokens carry them
 * in their roles claim: what per-role policies (quotas) read, without Spring Security's types.
 */
public final class Roles {

    /** Spring Security's mark of an authority that is a role. */
    static final String PREFIX = "ROLE_";

    private Roles() {
    }

    /** The roles of an authenticated principal, without the prefix; none for anyone else. */
    public static Set<String> of(Principal principal) {
        Set<String> roles = new TreeSet<>();
        if (principal instanceof Authentication authentication && authentication.isAuthenticated()) {
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                String name = authority.getAuthority();
                if (name != null && name.startsWith(PREFIX)) {
                    roles.add(name.substring(PREFIX.length()));
                }
            }
        }
        return Set.copyOf(roles);
    }
}

package org.tapservice.api.security;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who a valid token names: the user (the owner of their jobs) from the username claim, and
 * their roles from the roles claim, a list or a space-separated string, possibly inside an
 * object ({@code realm_access.roles}). Roles become {@code ROLE_} authorities, as Basic users'
 * roles do, so that both read the same way.
 */
record TokenIdentity(String usernameClaim, String rolesClaim) implements Converter<Jwt, AbstractAuthenticationToken> {

    TokenIdentity {
        requireNonNull(usernameClaim, "usernameClaim is null");
        requireNonNull(rolesClaim, "rolesClaim is null");
    }

    static TokenIdentity of(SecurityProperties.Jwt settings) {
        return new TokenIdentity(settings.usernameClaim(), settings.rolesClaim());
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return new JwtAuthenticationToken(jwt, roles(jwt.getClaims()), jwt.getClaimAsString(usernameClaim));
    }

    private Collection<GrantedAuthority> roles(Map<String, Object> claims) {
        Object value = claims;
        for (String step : rolesClaim.split("\\.")) {
            value = value instanceof Map<?, ?> object ? object.get(step) : null;
        }
        List<GrantedAuthority> roles = new ArrayList<>();
        switch (value) {
            case Collection<?> list -> list.forEach(role -> roles.add(role(role.toString())));
            case String text -> {
                for (String role : text.strip().split("[\\s,]+")) {
                    if (!role.isEmpty()) {
                        roles.add(role(role));
                    }
                }
            }
            case null, default -> {
            }
        }
        return roles;
    }

    private static GrantedAuthority role(String name) {
        return new SimpleGrantedAuthority(Roles.PREFIX + name);
    }
}

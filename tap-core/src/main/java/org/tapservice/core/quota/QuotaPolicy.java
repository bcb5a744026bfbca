package org.tapservice.core.quota;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which {@link Quota} a caller has: anonymous callers one of their own (they cannot be told
 * apart, so together they are one owner), an authenticated caller the most generous quota
 * among its roles that have one, or the default when none has.
 *
 * @param anonymous     the quota of every anonymous caller together
 * @param authenticated the quota of an authenticated caller whose roles have none
 * @param roles         quotas by role name
 */
public record QuotaPolicy(Quota anonymous, Quota authenticated, Map<String, Quota> roles) {

    public QuotaPolicy {
        requireNonNull(anonymous, "anonymous is null");
        requireNonNull(authenticated, "authenticated is null");
        roles = Map.copyOf(roles);
    }

    /** No limit for anyone. */
    public static QuotaPolicy unlimited() {
        return new QuotaPolicy(Quota.UNLIMITED, Quota.UNLIMITED, Map.of());
    }

    /**
     * The quota of a caller.
     *
     * @param owner     the caller's identity; empty for anonymous
     * @param roleNames the roles the authentication layer grants it
     */
    public Quota of(Optional<String> owner, Set<String> roleNames) {
        requireNonNull(owner, "owner is null");
        requireNonNull(roleNames, "roleNames is null");
        if (owner.isEmpty()) {
            return anonymous;
        }
        Quota granted = null;
        for (String role : roleNames) {
            Quota quota = roles.get(role);
            if (quota != null) {
                granted = granted == null ? quota : granted.mostGenerous(quota);
            }
        }
        return granted == null ? authenticated : granted;
    }
}

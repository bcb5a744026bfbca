package org.tapservice.api.web.async;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.tapservice.api.security.Roles;
import org.tapservice.core.quota.Quota;
import org.tapservice.core.quota.QuotaPolicy;
import org.tapservice.core.uws.OwnerFilter;

/**
 * Who is calling, as UWS owners are named: the authenticated principal (HTTP Basic user, or
 * the user a bearer token names), or nobody, and the roles the caller holds (for per-role
 * policies such as quotas). Anonymous jobs are reached by id only.
 */
public record Caller(Optional<String> owner, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public static Caller of(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return new Caller(Optional.ofNullable(principal).map(Principal::getName).filter(name -> !name.isBlank()),
                principal == null ? Set.of() : Roles.of(principal));
    }

    /** The caller's quota under the policy. */
    public Quota quota(QuotaPolicy policy) {
        return policy.of(owner, roles);
    }

    /**
     * Whose jobs the job list shows this caller: their own. An anonymous caller is shown none,
     * since nothing tells one anonymous client's jobs from another's.
     */
    Optional<OwnerFilter> listFilter() {
        return owner.map(OwnerFilter.Owner::new);
    }
}

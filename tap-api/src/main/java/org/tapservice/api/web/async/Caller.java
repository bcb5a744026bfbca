package org.tapservice.api.web.async;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.tapservice.core.quota.Quota;
import org.tapservice.core.quota.QuotaPolicy;
import org.tapservice.core.uws.OwnerFilter;

/**
 * Who is calling, as UWS owners are named: the authenticated principal, or nobody. Until the
 * service authenticates users every caller is anonymous, and anonymous jobs are reached by id
 * only.
 */
public record Caller(Optional<String> owner) {

    public static Caller of(HttpServletRequest request) {
        return new Caller(Optional.ofNullable(request.getUserPrincipal()).map(Principal::getName)
                .filter(name -> !name.isBlank()));
    }

    /**
     * The roles the authentication layer grants the caller, which choose its quota; none until
     * the service authenticates users.
     */
    public Set<String> roles() {
        return Set.of();
    }

    /** The caller's quota under the policy. */
    public Quota quota(QuotaPolicy policy) {
        return policy.of(owner, roles());
    }

    /**
     * Whose jobs the job list shows this caller: their own. An anonymous caller is shown none,
     * since nothing tells one anonymous client's jobs from another's.
     */
    Optional<OwnerFilter> listFilter() {
        return owner.map(OwnerFilter.Owner::new);
    }
}

package org.tapservice.api.web.async;

import java.security.Principal;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.tapservice.core.uws.OwnerFilter;

/**
 * Who is calling, as UWS owners are named: the authenticated principal, or nobody. Until the
 * service authenticates users every caller is anonymous, and anonymous jobs are reached by id
 * only.
 */
record Caller(Optional<String> owner) {

    static Caller of(HttpServletRequest request) {
        return new Caller(Optional.ofNullable(request.getUserPrincipal()).map(Principal::getName)
                .filter(name -> !name.isBlank()));
    }

    /**
     * Whose jobs the job list shows this caller: their own. An anonymous caller is shown none,
     * since nothing tells one anonymous client's jobs from another's.
     */
    Optional<OwnerFilter> listFilter() {
        return owner.map(OwnerFilter.Owner::new);
    }
}

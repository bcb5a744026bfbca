package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Whose jobs a job list shows. Three cases, not an Optional owner: "anonymous jobs only"
 * (what an anonymous caller of a service with authentication may see) and "every job" (an
 * operator, or a service without authentication) are different questions.
 */
public sealed interface OwnerFilter {

    /** Whether a job with this owner (empty: anonymous) passes. */
    boolean matches(Optional<String> owner);

    /** Every job, whoever owns it. */
    record Any() implements OwnerFilter {
        @Override
        public boolean matches(Optional<String> owner) {
            return true;
        }
    }

    /** Jobs created without authentication only. */
    record Anonymous() implements OwnerFilter {
        @Override
        public boolean matches(Optional<String> owner) {
            return owner.isEmpty();
        }
    }

    /** The jobs of one owner. */
    record Owner(String id) implements OwnerFilter {
        public Owner {
            requireNonNull(id, "id is null");
        }

        @Override
        public boolean matches(Optional<String> owner) {
            return owner.isPresent() && owner.get().equals(id);
        }
    }

    static OwnerFilter any() {
        return new Any();
    }

    static OwnerFilter anonymous() {
        return new Anonymous();
    }

    static OwnerFilter owner(String id) {
        return new Owner(id);
    }

    /** The jobs the caller created: its own when authenticated, the anonymous ones if not. */
    static OwnerFilter of(Optional<String> caller) {
        return caller.<OwnerFilter>map(Owner::new).orElseGet(Anonymous::new);
    }
}

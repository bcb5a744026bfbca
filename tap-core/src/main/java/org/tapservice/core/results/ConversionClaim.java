package org.tapservice.core.results;

import static java.util.Objects.requireNonNull;

/** What a {@link ConversionStates#claim claim} got: the lease, or the state that stood in its way. */
public sealed interface ConversionClaim {

    /** The caller converts, under this lease. */
    record Granted(ConversionLease lease) implements ConversionClaim {
        public Granted {
            requireNonNull(lease, "lease is null");
        }
    }

    /** Someone converts or has converted it already. */
    record Taken(ConversionState state) implements ConversionClaim {
        public Taken {
            requireNonNull(state, "state is null");
        }
    }
}

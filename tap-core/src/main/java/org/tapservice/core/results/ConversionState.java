package org.tapservice.core.results;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** Where a conversion of a job's result stands: being made, or stored. */
public sealed interface ConversionState {

    /**
     * Being made.
     *
     * @param converter who makes it
     * @param since     when it began
     */
    record Converting(String converter, Instant since) implements ConversionState {
        public Converting {
            requireNonNull(converter, "converter is null");
            requireNonNull(since, "since is null");
        }
    }

    /** Stored in the result store, {@code size} bytes long. */
    record Stored(long size) implements ConversionState {
        public Stored {
            if (size < 0) {
                throw new IllegalArgumentException("negative size " + size);
            }
        }
    }
}

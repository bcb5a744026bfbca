package org.tapservice.core.tap;

import java.util.Optional;

import org.tapservice.core.TapException;

/**
 * The row limits TAPRegExt publishes as outputLimit: MAXREC when the client gives none, and
 * the most rows a client may ask for.
 */
public record OutputLimits(long defaultMaxrec, long hardMaxrec) {

    public OutputLimits {
        if (defaultMaxrec < 0 || hardMaxrec < defaultMaxrec) {
            throw new IllegalArgumentException(
                    "need 0 <= default MAXREC <= hard limit, got " + defaultMaxrec + " and " + hardMaxrec);
        }
    }

    /**
     * MAXREC as DALI 1.1 section 3.4.3 reads it: the default when absent or blank, a
     * non-negative integer otherwise, lowered to the hard limit.
     */
    public long maxrec(Optional<String> text) {
        if (text.isEmpty() || text.get().isBlank()) {
            return defaultMaxrec;
        }
        long requested;
        try {
            requested = Long.parseLong(text.get().strip());
        } catch (NumberFormatException e) {
            throw TapException.invalid("MAXREC must be a non-negative integer, got '" + text.get() + "'");
        }
        if (requested < 0) {
            throw TapException.invalid("MAXREC must be a non-negative integer, got " + requested);
        }
        // DALI: a service may lower MAXREC to its hard limit; the overflow INFO tells the client.
        return Math.min(requested, hardMaxrec);
    }
}

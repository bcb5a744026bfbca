package org.tapservice.core.tap;

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
}

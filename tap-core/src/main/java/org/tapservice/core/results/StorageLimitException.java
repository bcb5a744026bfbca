package org.tapservice.core.results;

import java.io.IOException;
import java.util.Optional;

/** A result grew past the bytes its owner's quota had left ({@link CountingOutputStream}). */
public final class StorageLimitException extends IOException {

    private final long limit;

    public StorageLimitException(long limit) {
        super("the result is larger than the " + limit + " bytes the storage quota had left for it");
        this.limit = limit;
    }

    /** The bytes the result was allowed. */
    public long limit() {
        return limit;
    }

    /** The limit that failed a write, if one is in this failure's chain of causes. */
    public static Optional<StorageLimitException> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StorageLimitException exceeded) {
                return Optional.of(exceeded);
            }
        }
        return Optional.empty();
    }
}

package org.tapservice.core.quota;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;

/** A request refused by the caller's quota (HTTP 429), and when to try again if that is known. */
public final class QuotaException extends TapException {

    private final transient QuotaExceeded exceeded;
    private final transient Optional<Duration> retryAfter;

    public QuotaException(QuotaExceeded exceeded, Optional<Duration> retryAfter) {
        super(ErrorKind.OVER_QUOTA, requireNonNull(exceeded, "exceeded is null").message());
        this.exceeded = exceeded;
        this.retryAfter = requireNonNull(retryAfter, "retryAfter is null");
    }

    public QuotaExceeded exceeded() {
        return exceeded;
    }

    /** When the request may succeed (HTTP Retry-After), when the service can tell. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}

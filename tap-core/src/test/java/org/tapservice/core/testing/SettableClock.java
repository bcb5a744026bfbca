package org.tapservice.core.testing;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until the test moves it: lease and lock expiry, destruction times
 * and job timestamps then follow the test's script rather than the wall clock, so no test
 * sleeps to let time pass. Safe to read and move from any thread.
 */
public final class SettableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public SettableClock(Instant start) {
        this(new AtomicReference<>(requireNonNull(start, "start is null")), ZoneOffset.UTC);
    }

    private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Moves the clock on by {@code step}. */
    public void advance(Duration step) {
        requireNonNull(step, "step is null");
        now.updateAndGet(instant -> instant.plus(step));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same time seen in another zone: moving either clock moves both. */
    @Override
    public Clock withZone(ZoneId newZone) {
        return new SettableClock(now, requireNonNull(newZone, "newZone is null"));
    }
}

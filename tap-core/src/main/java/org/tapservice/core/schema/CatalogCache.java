package org.tapservice.core.schema;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The current TAP_SCHEMA catalogue of this instance. Any instance (or the admin command) may
 * publish a table, so each instance re-reads TAP_SCHEMA once its copy is older than the
 * refresh interval; between refreshes every query uses the same immutable snapshot.
 */
public final class CatalogCache {

    private record Snapshot(TapSchemaCatalog catalog, Instant loadedAt) {
    }

    private final TapSchemaLoader loader;
    private final Duration refreshInterval;
    private final Clock clock;
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile Snapshot snapshot;

    public CatalogCache(TapSchemaLoader loader, Duration refreshInterval, Clock clock) {
        this.loader = requireNonNull(loader, "loader is null");
        this.refreshInterval = requireNonNull(refreshInterval, "refreshInterval is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public TapSchemaCatalog current() {
        Snapshot current = snapshot;
        if (current != null && !isStale(current)) {
            return current.catalog();
        }
        reloading.lock();
        try {
            // another thread may have reloaded while this one waited for the lock
            if (snapshot == null || isStale(snapshot)) {
                snapshot = new Snapshot(new TapSchemaCatalog(loader.load()), clock.instant());
            }
            return snapshot.catalog();
        } finally {
            reloading.unlock();
        }
    }

    /** Makes the next call re-read TAP_SCHEMA, e.g. after this instance published a table. */
    public void invalidate() {
        snapshot = null;
    }

    private boolean isStale(Snapshot candidate) {
        return candidate.loadedAt().plus(refreshInterval).isBefore(clock.instant());
    }
}

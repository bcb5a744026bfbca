package org.tapservice.core.schema;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current TAP_SCHEMA catalogue of this instance. Any instance (or the admin command) may
 * publish a table, so each instance re-reads TAP_SCHEMA once its copy is older than the
 * refresh interval; between refreshes every query uses the same immutable snapshot.
 */
public final class CatalogCache {

    private static final Logger log = LoggerFactory.getLogger(CatalogCache.class);

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
                snapshot = reload(snapshot);
            }
            return snapshot.catalog();
        } finally {
            reloading.unlock();
        }
    }

    /**
     * A fresh snapshot; when TAP_SCHEMA cannot be read (its database is down) the last one is
     * kept for another interval, so that queries on the archive go on and do not each wait for
     * the unreachable database. Without a last one the failure is the caller's.
     */
    private Snapshot reload(Snapshot last) {
        try {
            return new Snapshot(new TapSchemaCatalog(loader.load()), clock.instant());
        } catch (RuntimeException e) {
            if (last == null) {
                throw e;
            }
            log.warn("TAP_SCHEMA could not be re-read, the catalogue read at {} is used until {}: {}",
                    last.loadedAt(), clock.instant().plus(refreshInterval), e.getMessage());
            return new Snapshot(last.catalog(), clock.instant());
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

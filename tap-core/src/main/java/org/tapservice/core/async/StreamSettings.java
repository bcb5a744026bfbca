package org.tapservice.core.async;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How this instance's event streams behave ({@link JobEventStreams}).
 *
 * @param heartbeat   how often a quiet stream sends a comment, so that proxies keep it open, and
 *                    re-reads the job, so that a change whose event was lost is sent anyway
 * @param maxDuration how long a stream stays open at most; a client reconnects after it
 */
public record StreamSettings(Duration heartbeat, Duration maxDuration) {

    public StreamSettings {
        requireNonNull(heartbeat, "heartbeat is null");
        requireNonNull(maxDuration, "maxDuration is null");
        if (heartbeat.toMillis() <= 0 || maxDuration.toMillis() <= 0) {
            throw new IllegalArgumentException("the heartbeat and the longest stream must be positive: " + heartbeat
                    + ", " + maxDuration);
        }
    }
}

package org.tapservice.core.async;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How this instance converts stored results ({@link ResultConversions}).
 *
 * @param converter this instance's name, shown in the job document while it converts
 * @param leaseTime how long a conversion's claim lasts unrenewed: how soon another instance
 *                  takes over the conversion of one that died
 * @param maxWait   how long a request waits for a conversion another request is making
 *                  before it is answered 503 (ask again later)
 */
public record ConversionSettings(String converter, Duration leaseTime, Duration maxWait) {

    public ConversionSettings {
        requireNonNull(converter, "converter is null");
        if (converter.isBlank()) {
            throw new IllegalArgumentException("the converter's name is blank");
        }
        if (requireNonNull(leaseTime, "leaseTime is null").toMillis() < 3) {
            throw new IllegalArgumentException("a conversion lease must last at least 3 ms: " + leaseTime);
        }
        if (requireNonNull(maxWait, "maxWait is null").isNegative()) {
            throw new IllegalArgumentException("maxWait is negative: " + maxWait);
        }
    }
}

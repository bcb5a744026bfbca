package org.tapservice.core.quota;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A request rate as a token bucket: up to {@code requests} at once, refilled evenly over
 * {@code per}, so a client may send a burst of that many and then one every
 * {@code per / requests}.
 */
public record RequestRate(int requests, Duration per) {

    public RequestRate {
        requireNonNull(per, "per is null");
        if (requests < 1) {
            throw new IllegalArgumentException("a request rate must allow at least one request: " + requests);
        }
        if (per.toMillis() < 1) {
            throw new IllegalArgumentException("a request rate needs a period of at least a millisecond: " + per);
        }
    }

    /** Parses {@code <n>/<period>}, the period a duration such as {@code 1s}, {@code 1m} or {@code PT1H}. */
    public static RequestRate parse(String text) {
        requireNonNull(text, "text is null");
        int slash = text.indexOf('/');
        try {
            if (slash > 0) {
                return new RequestRate(Integer.parseInt(text.substring(0, slash).strip()),
                        period(text.substring(slash + 1).strip()));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a request rate: '" + text + "' (write e.g. 10/1s or 600/1h): "
                    + e.getMessage(), e);
        }
        throw new IllegalArgumentException("not a request rate: '" + text + "' (write e.g. 10/1s or 600/1h)");
    }

    /** The faster of two rates, as requests per millisecond. */
    RequestRate faster(RequestRate other) {
        return (double) requests / per.toMillis() >= (double) other.requests / other.per.toMillis() ? this : other;
    }

    private static Duration period(String text) {
        if (text.startsWith("P") || text.startsWith("p")) {
            return Duration.parse(text);
        }
        int unit = text.length() - 1;
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        long amount = Long.parseLong(text.substring(0, unit));
        return switch (text.charAt(unit)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit '" + text.charAt(unit) + "'");
        };
    }
}

package org.tapservice.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every failed request of a run, counted by kind ("create: HTTP 503", "wait: ConnectException"),
 * with when each kind was first and last seen: how many failed, why, and for how long.
 */
final class ErrorTally {

    record Kind(long count, Instant first, Instant last) {
        Kind and(Instant when) {
            return new Kind(count + 1, first, when);
        }
    }

    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    void record(String step, String why) {
        Instant now = Instant.now();
        kinds.merge(step + ": " + why, new Kind(1, now, now), (seen, added) -> seen.and(now));
    }

    long total() {
        return kinds.values().stream().mapToLong(Kind::count).sum();
    }

    /** A markdown table; times are seconds after {@code origin} (the fault). */
    String table(Instant origin) {
        if (kinds.isEmpty()) {
            return "no failed requests\n";
        }
        StringBuilder table = new StringBuilder("| failed requests | kind | first (s) | last (s) |\n|---:|---|---:|---:|\n");
        new TreeMap<>(kinds).forEach((kind, seen) -> table.append("| %d | %s | %.1f | %.1f |%n".formatted(
                seen.count(), kind, seconds(origin, seen.first()), seconds(origin, seen.last()))));
        return table.toString();
    }

    private static double seconds(Instant origin, Instant when) {
        return Duration.between(origin, when).toMillis() / 1000.0;
    }
}

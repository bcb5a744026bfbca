package org.tapservice.stress;

import java.time.Duration;

/**
 * How hard and how long a simulation pushes, from system properties, so one scenario serves
 * the short run in the build and the long runs of the capacity report:
 * {@code -Dtap.url=... -Dusers=16 -Dduration=60 -Drequests=200}.
 *
 * @param url      the service's base URL
 * @param users    concurrent users (closed model: each starts its next request when the last ends)
 * @param duration how long each user keeps going, at most
 * @param requests how many requests (or jobs) each user makes, at most: loops stop at whichever
 *                 bound comes first, so no scenario can run away
 */
public record Load(String url, int users, Duration duration, int requests) {

    public static Load fromSystemProperties(int defaultUsers, int defaultRequests) {
        return new Load(System.getProperty("tap.url", "http://localhost:8080/tap"),
                Integer.getInteger("users", defaultUsers),
                Duration.ofSeconds(Integer.getInteger("duration", 20)),
                Integer.getInteger("requests", defaultRequests));
    }

    /** The whole run's limit: every user's loop plus time for the last requests to end. */
    public Duration maxDuration() {
        return duration.plusSeconds(120);
    }
}

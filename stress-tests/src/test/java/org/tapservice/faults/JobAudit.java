package org.tapservice.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * After a fault: every acknowledged job must reach a final phase, COMPLETED, with exactly the
 * rows the same query gives by /sync. Asked again until a deadline, because a job taken over
 * from a killed instance ends only after its lease lapses.
 */
final class JobAudit {

    private static final Pattern PHASE = Pattern.compile("<uws:phase>([A-Z]+)</uws:phase>");

    /** What is wrong with one job, for the failure message. */
    record Finding(URI job, String problem) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String expectedResult;

    JobAudit(String expectedResult) {
        this.expectedResult = expectedResult;
    }

    static boolean isFinal(String phase) {
        return switch (phase) {
            case "COMPLETED", "ERROR", "ABORTED", "ARCHIVED" -> true;
            default -> false;
        };
    }

    private String errorSummary(URI job) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(job + "/error")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "unreadable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Checks every job at once, so that one slow job does not eat the others' patience. */
    List<Finding> check(List<URI> jobs, Duration patience) throws InterruptedException, ExecutionException {
        return check(jobs, patience, Optional.empty());
    }

    /**
     * As {@link #check(List, Duration)}, but a job may also have ended in ERROR with an error
     * summary that {@code acceptedError} (a regular expression) finds: what the service promises
     * for a fault it does not retry through (a job running while its database went away).
     */
    List<Finding> check(List<URI> jobs, Duration patience, Optional<String> acceptedError)
            throws InterruptedException, ExecutionException {
        Instant deadline = Instant.now().plus(patience);
        List<Future<String>> problems = new ArrayList<>();
        try (ExecutorService auditors = Executors.newVirtualThreadPerTaskExecutor()) {
            for (URI job : jobs) {
                problems.add(auditors.submit(() -> problem(job, deadline, acceptedError)));
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            if (problems.get(i).get() != null) {
                findings.add(new Finding(jobs.get(i), problems.get(i).get()));
            }
        }
        return findings;
    }

    private String problem(URI job, Instant deadline, Optional<String> acceptedError) throws InterruptedException {
        String phase = "unknown";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(job + "?WAIT=5")).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
                Matcher matcher = PHASE.matcher(response.body());
                if (response.statusCode() == 404) {
                    // a Redis being rebuilt from the archive does not know the jobs it has yet to
                    // restore: lost only if it still does not know it at the deadline
                    phase = "lost: the service no longer knows it";
                    Thread.sleep(500);
                    continue;
                }
                if (response.statusCode() == 200 && matcher.find()) {
                    phase = matcher.group(1);
                    if (isFinal(phase)) {
                        break;
                    }
                } else {
                    phase = "unknown (HTTP " + response.statusCode() + ")";
                    Thread.sleep(500);
                }
            } catch (IOException e) {
                phase = "unknown (" + e.getClass().getSimpleName() + ")";
                Thread.sleep(500);
            }
        }
        if (phase.startsWith("lost")) {
            return phase;
        }
        if (phase.equals("ERROR") && acceptedError.isPresent()) {
            String error = errorSummary(job);
            return Pattern.compile(acceptedError.get()).matcher(error).find() ? null : "ended ERROR: " + error;
        }
        if (!phase.equals("COMPLETED")) {
            return "ended " + phase;
        }
        try {
            HttpResponse<String> result = http.send(HttpRequest.newBuilder(URI.create(job + "/results/result")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (result.statusCode() != 200) {
                return "result answered HTTP " + result.statusCode();
            }
            return result.body().equals(expectedResult) ? null : "wrong result: " + result.body();
        } catch (IOException e) {
            return "result unreadable: " + e;
        }
    }
}

package org.tapservice.faults;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Users of the service while a fault happens: async clients that create a small job with
 * PHASE=RUN, follow it with WAIT until it ends and fetch its result, and sync clients sending
 * cone searches, each in a loop until stopped. Every job whose creation was acknowledged (303)
 * is remembered, for {@link JobAudit} to check afterwards; every failed request is tallied.
 * A failed step is retried as a client would, after a short pause.
 */
final class JobClients implements AutoCloseable {

    static final String JOB_QUERY = "SELECT TOP 10 source_id FROM demo.stars ORDER BY source_id";
    private static final Pattern PHASE = Pattern.compile("<uws:phase>([A-Z]+)</uws:phase>");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final ErrorTally errors;
    private final Queue<URI> accepted = new ConcurrentLinkedQueue<>();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running = true;

    JobClients(String url, ErrorTally errors) {
        this.url = url;
        this.errors = errors;
    }

    JobClients start(int asyncClients, int syncClients) {
        for (int i = 0; i < asyncClients; i++) {
            threads.submit(this::asyncClient);
        }
        for (int i = 0; i < syncClients; i++) {
            threads.submit(this::syncClient);
        }
        return this;
    }

    List<URI> accepted() {
        return List.copyOf(accepted);
    }

    /** Stops the loops and waits for each client's current job or request to end. */
    @Override
    public void close() {
        running = false;
        threads.close();
    }

    private Void asyncClient() throws InterruptedException {
        while (running) {
            URI job = create();
            if (job == null) {
                pause();
                continue;
            }
            accepted.add(job);
            follow(job, Instant.now().plusSeconds(120));
        }
        return null;
    }

    private URI create() {
        try {
            HttpResponse<Void> response = http.send(form(URI.create(url + "/async"), Map.of("LANG", "ADQL",
                    "PHASE", "RUN", "RESPONSEFORMAT", "csv", "QUERY", JOB_QUERY)), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 303) {
                errors.record("create", "HTTP " + response.statusCode());
                return null;
            }
            return URI.create(response.headers().firstValue("Location").orElseThrow());
        } catch (IOException e) {
            errors.record("create", e.getClass().getSimpleName());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void follow(URI job, Instant giveUp) throws InterruptedException {
        String phase = "QUEUED";
        while (!JobAudit.isFinal(phase) && Instant.now().isBefore(giveUp)) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(job + "?WAIT=10&PHASE="
                        + phase)).GET().build(), HttpResponse.BodyHandlers.ofString());
                Matcher matcher = PHASE.matcher(response.body());
                if (response.statusCode() == 200 && matcher.find()) {
                    phase = matcher.group(1);
                } else {
                    errors.record("wait", "HTTP " + response.statusCode());
                    pause();
                }
            } catch (IOException e) {
                errors.record("wait", e.getClass().getSimpleName());
                pause();
            }
        }
        if (phase.equals("COMPLETED")) {
            fetch("result", URI.create(job + "/results/result"));
        }
    }

    private Void syncClient() throws InterruptedException {
        while (running) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String cone = "SELECT TOP 100 source_id, ra, dec FROM demo.stars WHERE 1 = CONTAINS(POINT('ICRS', ra, dec),"
                    + " CIRCLE('ICRS', %.4f, %.4f, 0.1))".formatted(random.nextDouble(360), random.nextDouble(-89, 89));
            fetch("sync", URI.create(url + "/sync?LANG=ADQL&QUERY=" + URLEncoder.encode(cone, UTF_8)));
        }
        return null;
    }

    private void fetch(String step, URI uri) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                errors.record(step, "HTTP " + response.statusCode());
                pause();
            }
        } catch (IOException e) {
            errors.record(step, e.getClass().getSimpleName());
            pause();
        }
    }

    private static HttpRequest form(URI uri, Map<String, String> parameters) {
        String body = parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), UTF_8)).collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(200);
    }
}

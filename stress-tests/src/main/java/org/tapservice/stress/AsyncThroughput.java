package org.tapservice.stress;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end async job throughput, as the issue defines it: C clients, each in a loop creating
 * a small job with PHASE=RUN, waiting for it (blocking WAIT) and fetching its result, until J
 * jobs are done. Reports jobs per second and the latency of one job from creation to its
 * result's last byte. Every job must complete: a failure stops the run.
 */
public final class AsyncThroughput {

    /** The query of a small job unless told otherwise: ten rows of the demo catalogue. */
    public static final String DEFAULT_QUERY = "SELECT TOP 10 source_id, ra, dec FROM demo.stars";
    private static final Pattern PHASE = Pattern.compile("<uws:phase>([A-Z]+)</uws:phase>");

    /** What one measured round gave: jobs done, how long they took, and the latency of one job. */
    public record Result(int jobs, double seconds, double p50Millis, String latencies) {

        public double jobsPerSecond() {
            return jobs / seconds;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String query;

    private AsyncThroughput(String base, String query) {
        this.base = base;
        this.query = query;
    }

    static void run(Options options) throws Exception {
        String url = options.get("url", "http://localhost:8080/tap");
        int clients = options.getInt("clients", 8);
        int jobs = options.getInt("jobs", 200);
        int warmup = options.getInt("warmup", 1000);
        String query = options.get("query", DEFAULT_QUERY);
        System.out.printf("async throughput: %s, %d clients, %d jobs (after %d warm-up jobs), query: %s%n",
                url, clients, jobs, warmup, query);
        Result result = measure(url, clients, jobs, warmup, query);
        System.out.printf("  %d jobs in %.2f s: %.1f jobs/s; per job %s%n", result.jobs(), result.seconds(),
                result.jobsPerSecond(), result.latencies());
    }

    /**
     * Runs {@code warmup} jobs unmeasured (a fresh JVM's first seconds are no measure of its
     * capacity), then {@code jobs} measured ones, {@code clients} at a time.
     */
    public static Result measure(String url, int clients, int jobs, int warmup, String query) throws Exception {
        AsyncThroughput benchmark = new AsyncThroughput(url, query);
        benchmark.round(clients, warmup);
        Latencies latencies = new Latencies();
        long start = System.nanoTime();
        benchmark.round(clients, jobs, latencies);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(latencies.count(), seconds, latencies.p50Millis(), latencies.summary());
    }

    private void round(int clients, int jobs) throws Exception {
        round(clients, jobs, new Latencies());
    }

    private void round(int clients, int jobs, Latencies latencies) throws Exception {
        AtomicInteger left = new AtomicInteger(jobs);
        try (ExecutorService threads = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(threads.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        long started = System.nanoTime();
                        oneJob();
                        latencies.record(System.nanoTime() - started);
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        }
    }

    private void oneJob() throws IOException, InterruptedException {
        String form = "LANG=ADQL&PHASE=RUN&QUERY=" + URLEncoder.encode(query, UTF_8);
        HttpResponse<Void> created = http.send(HttpRequest.newBuilder(URI.create(base + "/async"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        if (created.statusCode() != 303) {
            throw new IllegalStateException("job creation answered " + created.statusCode());
        }
        String job = created.headers().firstValue("Location").orElseThrow();
        String phase = "QUEUED";
        while (phase.equals("QUEUED") || phase.equals("EXECUTING") || phase.equals("PENDING")) {
            HttpResponse<String> waited = http.send(HttpRequest.newBuilder(URI.create(job + "?WAIT=30")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            Matcher matcher = PHASE.matcher(waited.body());
            if (waited.statusCode() != 200 || !matcher.find()) {
                throw new IllegalStateException("job " + job + " answered " + waited.statusCode());
            }
            phase = matcher.group(1);
        }
        if (!phase.equals("COMPLETED")) {
            throw new IllegalStateException("job " + job + " ended " + phase);
        }
        HttpResponse<byte[]> result = http.send(HttpRequest.newBuilder(URI.create(job + "/results/result")).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (result.statusCode() != 200 || result.body().length == 0) {
            throw new IllegalStateException("result of " + job + " answered " + result.statusCode());
        }
    }
}

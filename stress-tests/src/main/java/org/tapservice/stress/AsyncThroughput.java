package org.tapservice.stress;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.HttpURLConnection;
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
 *
 * <p>The requests are made with the blocking {@link HttpURLConnection}, which keeps connections
 * alive between them: the client shares the machine with the service, and the JDK's
 * asynchronous {@code HttpClient} took four times its CPU per job.
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

    private void oneJob() throws IOException {
        String form = "LANG=ADQL&PHASE=RUN&QUERY=" + URLEncoder.encode(query, UTF_8);
        HttpURLConnection created = open(base + "/async");
        created.setRequestMethod("POST");
        created.setDoOutput(true);
        created.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        try (OutputStream body = created.getOutputStream()) {
            body.write(form.getBytes(UTF_8));
        }
        if (created.getResponseCode() != 303) {
            throw new IllegalStateException("job creation answered " + created.getResponseCode());
        }
        String job = created.getHeaderField("Location");
        readAll(created);
        String phase = "QUEUED";
        while (phase.equals("QUEUED") || phase.equals("EXECUTING") || phase.equals("PENDING")) {
            HttpURLConnection waited = open(job + "?WAIT=30");
            String document = new String(readAll(waited), UTF_8);
            Matcher matcher = PHASE.matcher(document);
            if (waited.getResponseCode() != 200 || !matcher.find()) {
                throw new IllegalStateException("job " + job + " answered " + waited.getResponseCode());
            }
            phase = matcher.group(1);
        }
        if (!phase.equals("COMPLETED")) {
            throw new IllegalStateException("job " + job + " ended " + phase);
        }
        HttpURLConnection result = open(job + "/results/result");
        if (result.getResponseCode() != 200 || readAll(result).length == 0) {
            throw new IllegalStateException("result of " + job + " answered " + result.getResponseCode());
        }
    }

    private static HttpURLConnection open(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setInstanceFollowRedirects(false);
        connection.setConnectTimeout(5000);
        return connection;
    }

    /** The whole body: only a response read to its end leaves its connection to the next request. */
    private static byte[] readAll(HttpURLConnection connection) throws IOException {
        try (InputStream in = connection.getResponseCode() < 400 ? connection.getInputStream()
                : connection.getErrorStream()) {
            return in == null ? new byte[0] : in.readAllBytes();
        }
    }
}

package org.tapservice.capacity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How a sync query's cost grows with its result: {@code SELECT TOP n * FROM demo.stars} in each
 * format at rising n, downloaded from one instance by one client, while that instance's heap in
 * use is sampled ten times a second. Rows are streamed, so the heap should not grow with n; the
 * time should grow with it linearly once n dwarfs the fixed cost of a query.
 */
final class ResultSizes {

    /** One size in one format: the median of its downloads, and the memory seen meanwhile. */
    record Size(String format, int rows, long bytes, int downloads, double medianSeconds, long heapMax,
            ServerMemory.Resident resident) {

        double rowsPerSecond() {
            return rows / medianSeconds;
        }
    }

    /** Enough downloads of a small result for a median; one of a million rows says enough. */
    private static final int ROWS_TIMED = 300_000;
    private static final int MAX_DOWNLOADS = 10;

    private final URI instanceUrl;
    private final ServerMemory memory;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ResultSizes(URI instanceUrl, ServerMemory memory) {
        this.instanceUrl = instanceUrl;
        this.memory = memory;
    }

    List<Size> measure(List<String> formats, List<Integer> rowCounts) throws Exception {
        List<Size> sizes = new ArrayList<>();
        for (String format : formats) {
            for (int rows : rowCounts) {
                sizes.add(measure(format, rows));
            }
        }
        return sizes;
    }

    private Size measure(String format, int rows) throws Exception {
        int downloads = Math.clamp(ROWS_TIMED / rows, 1, MAX_DOWNLOADS);
        double[] seconds = new double[downloads];
        long bytes = 0;
        AtomicLong heapMax = new AtomicLong();
        AtomicBoolean downloading = new AtomicBoolean(true);
        try (ExecutorService sampler = Executors.newVirtualThreadPerTaskExecutor()) {
            sampler.submit(() -> {
                while (downloading.get()) {
                    memory.heapUsed().ifPresent(used -> heapMax.accumulateAndGet((long) used, Math::max));
                    Thread.sleep(100);
                }
                return null;
            });
            try {
                for (int i = 0; i < downloads; i++) {
                    long started = System.nanoTime();
                    bytes = download(format, rows);
                    seconds[i] = (System.nanoTime() - started) / 1e9;
                }
            } finally {
                downloading.set(false);
            }
        }
        Arrays.sort(seconds);
        return new Size(format, rows, bytes, downloads, seconds[downloads / 2], heapMax.get(), memory.resident());
    }

    /**
     * One download, read to its last byte and thrown away; its size. The bytes are counted as
     * the client receives them, with no blocking stream between, so the client costs little.
     */
    private long download(String format, int rows) throws IOException, InterruptedException {
        LongAdder size = new LongAdder();
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(instanceUrl + "/sync"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofMinutes(10)).POST(Form.of(Map.of("LANG", "ADQL", "REQUEST", "doQuery", "RESPONSEFORMAT", format,
                        "MAXREC", String.valueOf(rows), "QUERY", "SELECT TOP " + rows + " * FROM demo.stars"))).build(),
                HttpResponse.BodyHandlers.ofByteArrayConsumer(bytes -> bytes.ifPresent(b -> size.add(b.length))));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("TOP " + rows + " as " + format + ": HTTP " + response.statusCode());
        }
        return size.sum();
    }
}

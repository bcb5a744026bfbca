package org.tapservice.capacity;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tapservice.cluster.Checkout;

/**
 * Random cone searches POSTed to /sync by wrk (bench/cone-wrk.lua, the script of
 * bench/cone.sh): a load generator in C, as light on the machine's two cores as pgbench is on
 * the other side of the comparison. Gatling's JVM takes a large share of those cores at
 * hundreds of requests a second, so its rates say more about Gatling than about the service.
 */
final class Wrk {

    private static final Pattern RATE = Pattern.compile("(?m)^Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P50 = Pattern.compile("(?m)^\\s+50%\\s+([0-9.]+)(us|ms|s)\\b");
    private static final Pattern P99 = Pattern.compile("(?m)^\\s+99%\\s+([0-9.]+)(us|ms|s)\\b");
    private static final Pattern FAILED = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** What one run gave. */
    record Run(double perSecond, double p50Millis, double p99Millis, long failed) {

        String summary() {
            return String.format(Locale.ROOT, "%.0f q/s, p50 %.2f ms, p99 %.1f ms%s", perSecond, p50Millis,
                    p99Millis, failed == 0 ? "" : ", " + failed + " failed requests");
        }
    }

    private Wrk() {
    }

    /**
     * Cone searches in rounds until the service is {@link WarmUp warm}.
     *
     * @return the rate of each round, in order
     */
    static List<Double> warmUp(URI service, int connections, WarmUp warmUp) throws IOException, InterruptedException {
        List<Double> rates = new ArrayList<>();
        while (!warmUp.done(rates)) {
            rates.add(cones(service, connections, warmUp.roundSeconds()).perSecond());
        }
        return List.copyOf(rates);
    }

    /** Cone searches at {@code connections} connections for {@code seconds}, to a TAP service's base URL. */
    static Run cones(URI service, int connections, int seconds) throws IOException, InterruptedException {
        String base = service.toString().replaceAll("/+$", "");
        String origin = service.getScheme() + "://" + service.getAuthority();
        ProcessBuilder builder = new ProcessBuilder("wrk", "-t", String.valueOf(Math.min(connections,
                Runtime.getRuntime().availableProcessors())), "-c", String.valueOf(connections), "-d", seconds + "s",
                "--latency", "-s", Checkout.resolve("bench/cone-wrk.lua").toString(), origin).redirectErrorStream(true);
        builder.environment().put("TAP_PATH", base.substring(origin.length()) + "/sync");
        Process wrk = builder.start();
        String output = new String(wrk.getInputStream().readAllBytes());
        if (!wrk.waitFor(seconds + 60L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        return parse(output);
    }

    static Run parse(String output) {
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("wrk gave no rate: " + output);
        }
        long failed = 0;
        Matcher non2xx = FAILED.matcher(output);
        if (non2xx.find()) {
            failed += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                failed += Long.parseLong(socket.group(group));
            }
        }
        return new Run(Double.parseDouble(rate.group(1)), millis(P50, output), millis(P99, output), failed);
    }

    private static double millis(Pattern percentile, String output) {
        Matcher matcher = percentile.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("wrk gave no latency distribution: " + output);
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}

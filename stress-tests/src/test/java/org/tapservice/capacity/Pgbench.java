package org.tapservice.capacity;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tapservice.cluster.Checkout;

/** PostgreSQL's own rate for the cone search's SQL (bench/cone.sql), the reference for /sync. */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    private Pgbench() {
    }

    static double coneRate(int clients, int seconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("pgbench", "-n", "-f", Checkout.resolve("bench/cone.sql").toString(),
                "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, Runtime.getRuntime()
                        .availableProcessors())), "-T", String.valueOf(seconds),
                System.getenv().getOrDefault("TAP_DB", "tap")).redirectErrorStream(true);
        builder.environment().putIfAbsent("PGHOST", "127.0.0.1");
        builder.environment().putIfAbsent("PGUSER", "postgres");
        Process pgbench = builder.start();
        String output = new String(pgbench.getInputStream().readAllBytes());
        pgbench.waitFor(seconds + 60L, TimeUnit.SECONDS);
        Matcher tps = TPS.matcher(output);
        return tps.find() ? Double.parseDouble(tps.group(1)) : Double.NaN;
    }
}

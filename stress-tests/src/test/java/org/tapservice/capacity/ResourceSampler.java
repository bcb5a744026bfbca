package org.tapservice.capacity;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * What is busy while a load runs, sampled once a second: the machine's CPU, the CPU of the
 * service's JVMs, of PostgreSQL's processes and of Redis (in cores), and how many requests wait
 * for a connection of the archive pool. The first of them to reach its limit is what saturates.
 */
final class ResourceSampler implements AutoCloseable {

    /** Averages over the samples, and the largest archive-pool queue seen. */
    record Usage(double machineBusy, double serviceCores, double postgresCores, double redisCores,
            long archivePoolPendingMax) {
    }

    private static final double TICKS_PER_SECOND = 100.0;

    private final List<Long> servicePids;
    private final long redisPid;
    private final List<URI> instanceUrls;
    private final ExecutorService thread = Executors.newVirtualThreadPerTaskExecutor();
    private final List<double[]> samples = new ArrayList<>();
    private volatile boolean running = true;

    ResourceSampler(List<Long> servicePids, long redisPid, List<URI> instanceUrls) {
        this.servicePids = servicePids;
        this.redisPid = redisPid;
        this.instanceUrls = List.copyOf(instanceUrls);
        thread.submit(this::sample);
    }

    private Void sample() throws Exception {
        long[] machine = machineTicks();
        double service = ticks(servicePids);
        double postgres = ticks(postgresPids());
        double redis = ticks(List.of(redisPid));
        while (running) {
            Thread.sleep(1000);
            long[] machineNow = machineTicks();
            double serviceNow = ticks(servicePids);
            double postgresNow = ticks(postgresPids());
            double redisNow = ticks(List.of(redisPid));
            double busy = 1.0 - (double) (machineNow[1] - machine[1]) / Math.max(1, machineNow[0] - machine[0]);
            synchronized (samples) {
                samples.add(new double[] {busy, (serviceNow - service) / TICKS_PER_SECOND,
                        Math.max(0, postgresNow - postgres) / TICKS_PER_SECOND, (redisNow - redis) / TICKS_PER_SECOND,
                        archivePoolPending()});
            }
            machine = machineNow;
            service = serviceNow;
            postgres = postgresNow;
            redis = redisNow;
        }
        return null;
    }

    Usage usage() {
        synchronized (samples) {
            double[] sums = new double[5];
            for (double[] sample : samples) {
                for (int i = 0; i < 4; i++) {
                    sums[i] += sample[i];
                }
                sums[4] = Math.max(sums[4], sample[4]);
            }
            int n = Math.max(1, samples.size());
            return new Usage(sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n, (long) sums[4]);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.close();
    }

    /** Total and idle jiffies of all CPUs, from the first line of /proc/stat. */
    private static long[] machineTicks() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length; i++) {
            total += Long.parseLong(fields[i]);
        }
        return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    }

    /** User and system CPU ticks of the processes, those that have ended counting nothing. */
    private static double ticks(List<Long> pids) {
        double sum = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                sum += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException gone) {
                // the process ended between listing and reading
            }
        }
        return sum;
    }

    private static List<Long> postgresPids() throws IOException {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("comm")).trim().equals("postgres");
                        } catch (IOException gone) {
                            return false;
                        }
                    })
                    .map(p -> Long.parseLong(p.getFileName().toString())).toList();
        }
    }

    private double archivePoolPending() {
        double pending = 0;
        for (URI instance : instanceUrls) {
            // an instance that does not answer has no queue to count
            pending += ServerMemory.metric(instance, "hikaricp.connections.pending", "pool:archive").orElse(0);
        }
        return pending;
    }
}

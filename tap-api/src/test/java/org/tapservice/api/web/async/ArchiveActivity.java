package org.tapservice.api.web.async;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tapservice.core.testing.TestDatabase;

/**
 * Watches, from PostgreSQL's side, which instance runs which job: every 50 ms it reads the
 * active queries on {@code science.pause} in pg_stat_activity, each tagged with its job
 * ({@link PausedTable#query}) and the instance that sent it (its application name). It keeps,
 * per tag, the most backends ever seen running it at once and every instance seen running it.
 */
final class ArchiveActivity implements AutoCloseable {

    private static final Pattern TAG = Pattern.compile("AS \"?(job_[0-9]+)\"?", Pattern.CASE_INSENSITIVE);

    private final TestDatabase database;
    private final Map<String, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> instances = new ConcurrentHashMap<>();
    private volatile Map<String, String> runningNow = Map.of();
    private final AtomicInteger samples = new AtomicInteger();
    private final Thread sampler;
    private volatile boolean stopped;

    ArchiveActivity(TestDatabase database) {
        this.database = database;
        this.sampler = Thread.ofVirtual().name("archive-activity").start(this::sample);
    }

    /** The most backends seen running this job's query at the same moment. */
    int mostAtOnce(String tag) {
        AtomicInteger most = mostAtOnce.get(tag);
        return most == null ? 0 : most.get();
    }

    /** Every instance seen running this job's query. */
    Set<String> instancesOf(String tag) {
        return Set.copyOf(instances.getOrDefault(tag, Set.of()));
    }

    /** The jobs running at the last sample, each with the instance running it. */
    Map<String, String> runningNow() {
        return runningNow;
    }

    int samples() {
        return samples.get();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        sampler.join();
    }

    private void sample() {
        while (!stopped) {
            try (Connection connection = database.dataSource().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("""
                         SELECT query, application_name FROM pg_stat_activity
                         WHERE datname = current_database() AND state = 'active'
                           AND query LIKE '%"science"."pause"%' AND pid <> pg_backend_pid()""")) {
                Map<String, Integer> counts = new ConcurrentHashMap<>();
                Map<String, String> seen = new ConcurrentHashMap<>();
                while (rows.next()) {
                    Matcher tag = TAG.matcher(rows.getString(1));
                    if (tag.find()) {
                        String job = tag.group(1).toLowerCase();
                        counts.merge(job, 1, Integer::sum);
                        seen.put(job, rows.getString(2));
                        instances.computeIfAbsent(job, any -> ConcurrentHashMap.newKeySet()).add(rows.getString(2));
                    }
                }
                counts.forEach((job, count) -> mostAtOnce.computeIfAbsent(job, any -> new AtomicInteger())
                        .accumulateAndGet(count, Math::max));
                runningNow = Map.copyOf(seen);
                samples.incrementAndGet();
                Thread.sleep(50);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read pg_stat_activity: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}

package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three instances as separate processes sharing one queue. An instance killed with SIGKILL
 * mid-job loses no job: once its leases lapse the other instances take its jobs over and run
 * them to the end, and no job's query ever runs twice at once. An instance sent SIGTERM stops
 * claiming, finishes the jobs it runs, and exits.
 *
 * <p>Leases of 3 s keep the takeover short; the jobs sleep {@value PausedTable#SECONDS} s in
 * PostgreSQL, so they are still running when the instance goes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstanceFailureTest {

    /** Exit status of a JVM that ran its shutdown hooks on SIGTERM (128 + 15). */
    private static final int TERMINATED = 143;

    private ServiceProcesses cluster;
    private ArchiveActivity activity;
    private int jobsSubmitted;

    /** What every instance is started with besides its database and namespace. */
    Map<String, String> settings() {
        return Map.of(
                "tap.uws.workers", "2",
                "tap.uws.lease-time", "3s",
                "tap.uws.idle-poll", "500ms",
                "tap.uws.shutdown-grace", "20s",
                "tap.uws.limits.wait-cap", "5s",
                "tap.catalog-refresh", "1s");
    }

    /** The instances, once started. */
    ServiceProcesses instances() {
        return cluster;
    }

    @BeforeAll
    void start() throws Exception {
        cluster = new ServiceProcesses(settings());
        cluster.start(3);
        PausedTable.install(cluster.database());
        activity = new ArchiveActivity(cluster.database());
    }

    @AfterAll
    void stop() throws Exception {
        if (activity != null) {
            activity.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theJobsOfAKilledInstanceAreTakenOverAndEachRunsOnOneInstanceAtATime() throws Exception {
        Map<String, String> jobs = submitOneJobPerWorker();
        ServiceProcesses.Instance victim = busiestInstance(jobs.size());
        Set<String> victimsJobs = jobsRunningOn(victim);

        cluster.kill(victim);

        UwsClient survivor = new UwsClient(cluster.alive().getFirst().url());
        assertEveryJobCompletedWithItsRows(survivor, jobs);
        for (String tag : jobs.values()) {
            assertThat(activity.mostAtOnce(tag)).as("backends running %s at once", tag).isEqualTo(1);
        }
        for (String tag : victimsJobs) {
            assertThat(activity.instancesOf(tag)).as("instances that ran %s", tag).contains(victim.name())
                    .hasSize(2);
        }
        deleteAll(survivor, jobs);
    }

    @Test
    void anInstanceSentSigtermFinishesItsRunningJobsThenExits() throws Exception {
        Map<String, String> jobs = submitOneJobPerWorker();
        ServiceProcesses.Instance stopping = busiestInstance(jobs.size());
        Set<String> itsJobs = jobsRunningOn(stopping);

        cluster.terminate(stopping);

        assertThat(stopping.process().waitFor(60, TimeUnit.SECONDS)).as("exited in time").isTrue();
        assertThat(stopping.process().exitValue()).as("exit status; output:\n%s", ServiceProcesses.tail(stopping))
                .isEqualTo(TERMINATED);
        assertThat(Files.readString(stopping.log())).contains("no more jobs are claimed here")
                // the worker's words for a job given back unfinished (a rebuild of an empty Redis
                // also speaks of jobs "handed back", none of them this instance's)
                .doesNotContain("handed back to the queue: this instance is stopping");
        UwsClient survivor = new UwsClient(cluster.alive().getFirst().url());
        assertEveryJobCompletedWithItsRows(survivor, jobs);
        for (String tag : itsJobs) {
            assertThat(activity.instancesOf(tag)).as("instances that ran %s", tag).containsExactly(stopping.name());
        }
        deleteAll(survivor, jobs);
    }

    /** As many jobs as the live instances have workers, sent to the first; job id to tag. */
    private Map<String, String> submitOneJobPerWorker() throws Exception {
        for (ServiceProcesses.Instance instance : cluster.alive()) {
            PausedTable.awaitServedBy(new UwsClient(instance.url()));
        }
        UwsClient client = new UwsClient(cluster.alive().getFirst().url());
        Map<String, String> jobs = new LinkedHashMap<>();
        for (int i = 0; i < cluster.alive().size() * 2; i++) {
            String tag = "job_" + ++jobsSubmitted;
            jobs.put(client.submit(PausedTable.query(tag, rows(tag)), "RESPONSEFORMAT", "csv"), tag);
        }
        return jobs;
    }

    /** The instance running the most of these jobs, once they all run (or a few seconds passed). */
    private ServiceProcesses.Instance busiestInstance(int jobs) throws InterruptedException {
        for (int i = 0; i < 100 && activity.runningNow().size() < jobs; i++) {
            Thread.sleep(50);
        }
        Map<String, Long> perInstance = activity.runningNow().values().stream()
                .collect(Collectors.groupingBy(name -> name, Collectors.counting()));
        String busiest = perInstance.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow(() ->
                new AssertionError("no job is running")).getKey();
        return cluster.alive().stream().filter(instance -> instance.name().equals(busiest)).findFirst()
                .orElseThrow();
    }

    private Set<String> jobsRunningOn(ServiceProcesses.Instance instance) {
        Set<String> tags = activity.runningNow().entrySet().stream()
                .filter(entry -> entry.getValue().equals(instance.name())).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertThat(tags).as("jobs running on %s", instance.name()).isNotEmpty();
        return tags;
    }

    private static void assertEveryJobCompletedWithItsRows(UwsClient client, Map<String, String> jobs)
            throws Exception {
        for (Map.Entry<String, String> job : jobs.entrySet()) {
            String tag = job.getValue();
            assertThat(client.awaitEnd(job.getKey())).as("phase of %s", tag).isEqualTo("COMPLETED");
            HttpResponse<String> result = client.get(client.job(job.getKey()) + "/results/result");
            assertThat(result.statusCode()).isEqualTo(200);
            assertThat(result.body().lines().toList()).as("result of %s", tag)
                    .isEqualTo(PausedTable.csv(tag, rows(tag)).lines().toList());
        }
    }

    private static void deleteAll(UwsClient client, Map<String, String> jobs) throws Exception {
        for (String id : jobs.keySet()) {
            client.delete(client.job(id));
        }
    }

    /** Each job asks for a number of rows of its own, so that a result mixed up between jobs shows. */
    private static int rows(String tag) {
        return Integer.parseInt(tag.substring(tag.indexOf('_') + 1)) % 40 + 3;
    }
}

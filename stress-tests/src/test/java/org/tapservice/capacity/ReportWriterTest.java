package org.tapservice.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tapservice.stress.GatlingReport;

/**
 * The report of a run, written from its findings: the issue asks for "throughput and
 * p50/p95/p99 latency against the number of concurrent users ... where the knee is and what
 * saturates first", "how latency and memory grow with result size and with the number of jobs",
 * and the targets with their figures.
 */
class ReportWriterTest {

    private static final Pattern PLOT = Pattern.compile("!\\[[^]]*]\\((plots/[^)]+)\\)");

    @TempDir
    Path out;

    @Test
    void theReportStatesEachTargetWithItsFigureAndVerdict() throws Exception {
        String report = Files.readString(writer().write());
        assertThat(report).contains("| random TOP 100 cone queries at 16 connections: 0.3x pgbench's rate or more"
                        + " for the same SQL, p50 under 10 ms (1 instance) | 400 q/s against pgbench's 1000: 0.40x; p50 4 ms | met |")
                .contains("| small async jobs (create with PHASE=RUN, wait, fetch): 100 jobs/s or more with p50 under"
                        + " 50 ms | 90.0 jobs/s with p50 30 ms (4 users, 1 instance) | **not met** |")
                .contains("| 1,000,000 rows of BINARY2 at psql \\copy's rate or better | 1,000,000 rows: the service 1.50 s");
    }

    @Test
    void theKneeIsWhereMoreUsersStopAddingThroughputAndSaysWhatSaturated() throws Exception {
        assertThat(Files.readString(writer().write()))
                .contains("Knee at 4 users (400.0 per second, p99 12 ms): more users add latency, not throughput."
                        + " What saturated there: the machine's CPUs, 95% busy");
    }

    @Test
    void atTheKneeEveryLimitReachedIsNamed() throws Exception {
        ResourceSampler.Usage redisAndPool = new ResourceSampler.Usage(0.6, 0.4, 0.1, 0.97, 3);
        Path gatling = out.resolve("gatling/run");
        List<CapacityReport.Step> steps = List.of(
                step(CapacityReport.Workload.ASYNC_JOBS, 1, 40, 20, redisAndPool, gatling, Double.NaN),
                step(CapacityReport.Workload.ASYNC_JOBS, 4, 41, 80, redisAndPool, gatling, Double.NaN));
        String report = new ReportWriter(new CapacityReport.Findings(CapacityOptions.parse("-out", out.toString()),
                Optional.empty(), steps, 0, List.of(), Optional.empty(), List.of(), Duration.ofMinutes(1))).markdown();
        assertThat(report).contains("What saturated there: Redis, its one thread 97% busy; the archive connection pool"
                + " (up to 3 requests waited for a connection).");
    }

    @Test
    void theCostOfResultSizeAndOfJobsAreTabulated() throws Exception {
        String report = Files.readString(writer().write());
        assertThat(report).contains("| votable/b2 | 1,000,000 | 40.0 | 1 | 1.500 | 666,667 | 120 | 400 | 450 |")
                .contains("| 10,000 | 3.2 | 20.0 | 2,097 | 30,012 | 60 | 410 | 1.5 (10) | 2.5 (20) | 3.5 (5) | 40.5 (1,000) |"
                        + " 0.8 | 2.3 |");
    }

    @Test
    void everyPlotTheReportShowsIsWrittenAsAnSvgDocument() throws Exception {
        String report = Files.readString(writer().write());
        Matcher plot = PLOT.matcher(report);
        int plots = 0;
        while (plot.find()) {
            Path svg = out.resolve(plot.group(1));
            assertThat(svg).exists();
            assertThat(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile())
                    .getDocumentElement().getTagName()).isEqualTo("svg");
            plots++;
        }
        // throughput and latency of each workload, time and heap against size, lists and memory against jobs
        assertThat(plots).isEqualTo(8);
    }

    private ReportWriter writer() {
        ResourceSampler.Usage busy = new ResourceSampler.Usage(0.95, 1.2, 0.6, 0.05, 0);
        Path gatling = out.resolve("gatling/run");
        List<CapacityReport.Step> steps = List.of(
                step(CapacityReport.Workload.SYNC_CONES, 1, 150, 3, busy, gatling, 500),
                step(CapacityReport.Workload.SYNC_CONES, 4, 400, 8, busy, gatling, 900),
                step(CapacityReport.Workload.SYNC_CONES, 16, 400, 4, busy, gatling, 1000),
                step(CapacityReport.Workload.ASYNC_JOBS, 1, 40, 20, busy, gatling, Double.NaN),
                step(CapacityReport.Workload.ASYNC_JOBS, 4, 90, 30, busy, gatling, Double.NaN),
                step(CapacityReport.Workload.ASYNC_JOBS, 16, 95, 120, busy, gatling, Double.NaN));
        List<ResultSizes.Size> sizes = List.of(
                new ResultSizes.Size("votable/b2", 100, 4_000, 10, 0.004, 100L << 20, resident(380, 400)),
                new ResultSizes.Size("votable/b2", 1_000_000, 40L << 20, 1, 1.5, 120L << 20, resident(400, 450)));
        List<JobPopulation.Count> jobs = List.of(count(1_000, 0.4, 400), count(10_000, 3.2, 410));
        return new ReportWriter(new CapacityReport.Findings(CapacityOptions.parse("-out", out.toString()),
                Optional.empty(), steps, 1_000_000, sizes, Optional.of(new StreamVsPsql(1_000_000, "votable/b2", 2.0, 1.5, 40)), jobs,
                Duration.ofMinutes(30)));
    }

    private static CapacityReport.Step step(CapacityReport.Workload workload, int users, double perSecond, long p50,
            ResourceSampler.Usage usage, Path report, double pgbench) {
        return new CapacityReport.Step(workload, 1, users, new GatlingReport.Row(1000, 1000, 0, perSecond, 1, p50,
                p50, p50 + 2, p50 + 4, p50 + 10, p50), usage, report, pgbench);
    }

    private static ServerMemory.Resident resident(long nowMb, long peakMb) {
        return new ServerMemory.Resident(nowMb << 20, peakMb << 20);
    }

    private static JobPopulation.Count count(long jobs, double rebuildSeconds, long rssMb) {
        long redisBytes = (long) (jobs * 2097.152);
        return new JobPopulation.Count(jobs, jobs, rebuildSeconds, redisBytes, jobs * 3 + 12, 60L << 20,
                resident(rssMb, rssMb), List.of(
                        new JobPopulation.Listing("user with 10 jobs: all", 10, 20, 1.5, 3),
                        new JobPopulation.Listing("heavy owner: LAST=20", 20, 20, 2.5, 4),
                        new JobPopulation.Listing("heavy owner: AFTER 1 h ago", 5, 20, 3.5, 5),
                        new JobPopulation.Listing("heavy owner: all", (int) jobs / 10, 20, 40.5, 50)),
                new JobPopulation.Reaping(1000, 0.8, 2.3));
    }
}

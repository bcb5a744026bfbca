package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.junit.jupiter.api.TestInstance;
import org.tapservice.core.async.JobWaiters;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.Parameter;
import org.tapservice.state.redis.RedisJobStore;

/**
 * Following a job across instances: its phase changes as Server-Sent Events, and its log,
 * which says which instance did what. Instance 0 runs the jobs; instance 1 only serves
 * requests, so a job it creates is always claimed by instance 0.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobHistoryTest {

    private static final String QUERY = "SELECT id, ra, dec FROM science.sources ORDER BY id";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A bound on waits, never an expectation of speed. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ServiceInstances instances = new ServiceInstances();
    private UwsClient a;
    private UwsClient b;

    @BeforeAll
    void start() {
        a = new UwsClient(instances.start(2));
        b = new UwsClient(instances.start(0));
    }

    @AfterAll
    void stop() {
        instances.close();
    }

    @Test
    void aJobCreatedOnOneInstanceIsFollowedOnAnotherFromItsPhaseToItsEndAndTheStreamEnds() throws Exception {
        String id = b.create("LANG", "ADQL", "QUERY", QUERY);
        try (EventStream stream = EventStream.open(b.job(id) + "/events")) {
            assertThat(stream.response.statusCode()).isEqualTo(200);
            assertThat(stream.response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/event-stream"));
            Event first = stream.next();
            assertThat(first.name).isEqualTo("phase");
            assertThat(first.id).isEqualTo("PENDING");
            assertThat(first.data).contains("\"jobId\":\"" + id + "\"", "\"phase\":\"PENDING\"", "\"time\":\"");

            assertThat(a.post(a.job(id) + "/phase", "PHASE", "RUN").statusCode()).isEqualTo(303);

            List<String> phases = new ArrayList<>();
            for (Event event = stream.next(); event != null; event = stream.next()) {
                phases.add(event.id);
            }
            assertThat(phases).last().isEqualTo("COMPLETED");
            assertThat(phases).isSubsetOf("QUEUED", "EXECUTING", "COMPLETED").doesNotHaveDuplicates();
            assertThat(phases).isSortedAccordingTo((x, y) -> List.of("QUEUED", "EXECUTING", "COMPLETED").indexOf(x)
                    - List.of("QUEUED", "EXECUTING", "COMPLETED").indexOf(y));
        }
    }

    @Test
    void aClientThatConnectsAfterTheEndIsSentTheFinalPhaseAndOneThatHasItIsToldThereIsNoMore() throws Exception {
        String id = a.submit(QUERY);
        assertThat(a.awaitEnd(id)).isEqualTo("COMPLETED");

        try (EventStream late = EventStream.open(b.job(id) + "/events")) {
            Event only = late.next();
            assertThat(only.id).isEqualTo("COMPLETED");
            assertThat(late.next()).as("the stream ends after a final phase").isNull();
        }
        HttpResponse<String> reconnect = HTTP.send(HttpRequest.newBuilder(URI.create(b.job(id) + "/events"))
                .header("Last-Event-ID", "COMPLETED").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reconnect.statusCode()).isEqualTo(204);
    }

    @Test
    void theLogSaysWhichInstanceCreatedQueuedClaimedRanAndFinishedTheJob() throws Exception {
        String id = b.submit(QUERY, "RESPONSEFORMAT", "csv");
        assertThat(b.awaitEnd(id)).isEqualTo("COMPLETED");
        // a CSV job keeps the BINARY2 copy its CSV is made from (and other formats later): both stored
        List<Element> results = UwsClient.elements(b.jobDocument(id), "result");
        long csv = Long.parseLong(results.get(0).getAttribute("size"));
        long copy = Long.parseLong(results.get(1).getAttribute("size"));

        HttpResponse<String> log = a.get(a.job(id) + "/log");

        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain"));
        List<String> lines = log.body().lines().toList();
        assertThat(lines).allSatisfy(line -> assertThat(Instant.parse(line.substring(0, line.indexOf(' '))))
                .isBefore(Instant.now().plusSeconds(60)));
        assertThat(lines.stream().map(line -> line.substring(line.indexOf(' ') + 1)).toList()).containsExactly(
                "instance-1 created", "instance-1 queued", "instance-0 claimed (attempt 1)",
                "instance-0 query started", "instance-0 first rows after " + firstRowsMillis(lines) + " ms",
                "instance-0 rows written: 10", "instance-0 result stored: " + copy + " bytes",
                "instance-0 result stored: " + csv + " bytes", "instance-0 finished COMPLETED");
        assertThat(a.get(a.job(id)).headers().allValues("Link")).containsExactly(
                "<" + a.job(id) + "/log>; rel=\"log\"; type=\"text/plain\"",
                "<" + a.job(id) + "/events>; rel=\"events\"; type=\"text/event-stream\"");
    }

    @Test
    void aJobWhoseInstanceStopsIsLoggedAsTakenOverByTheInstanceThatRunsItNext() throws Exception {
        try (ServiceInstances pair = new ServiceInstances()) {
            UwsClient first = new UwsClient(pair.start(1));
            SlowTable.install(pair.database());
            pair.refreshCatalogues();
            String id = first.submit(SlowTable.QUERY);
            awaitSlowQueries(pair, 1);
            UwsClient second = new UwsClient(pair.start(1));

            pair.stop(0);
            awaitSlowQueries(pair, 0);
            awaitSlowQueries(pair, 1);
            assertThat(second.post(second.job(id) + "/phase", "PHASE", "ABORT").statusCode()).isEqualTo(303);
            assertThat(second.awaitEnd(id)).isEqualTo("ABORTED");

            List<String> events = second.get(second.job(id) + "/log").body().lines()
                    .map(line -> line.substring(line.indexOf(' ') + 1)).toList();
            // (whether the stopping instance's "handed back" line makes it depends on its Redis
            // connection outliving its workers, which is the shutdown's business, not the log's;
            // a job handed back gets its attempt back, so the takeover is attempt 1 again)
            assertThat(events).startsWith("instance-0 created", "instance-0 queued", "instance-0 claimed (attempt 1)")
                    .anyMatch(line -> line.matches("instance-1 took over the job, which no instance held any longer"
                            + " \\(attempt [12]\\)"))
                    .endsWith("instance-1 aborted on request");
            if (events.stream().anyMatch(line -> line.startsWith("instance-0 handed back to the queue"))) {
                assertThat(events)
                        .contains("instance-1 took over the job, which no instance held any longer (attempt 1)");
            }
            awaitSlowQueries(pair, 0);
        }
    }

    @Test
    void anotherOwnersJobsLogAndEventsAreNotFoundLikeTheJobItself() throws Exception {
        Job alices = Job.pending(JobId.random(new SecureRandom()), Optional.of("alice"),
                Optional.empty(), List.of(Parameter.of("QUERY", QUERY)), Instant.now(), Duration.ofMinutes(1),
                Instant.now().plusSeconds(3600));
        instances.bean(1, RedisJobStore.class).create(alices);
        String id = alices.id().value();

        for (String resource : List.of("", "/log", "/events")) {
            HttpResponse<String> response = b.get(b.job(id) + resource);
            assertThat(response.statusCode()).as(resource).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/x-votable+xml"));
            assertThat(response.body()).contains("QUERY_STATUS", "no job " + id);
        }
        assertThat(b.get(b.job("not-a-job-id!") + "/events").statusCode()).isEqualTo(404);
    }

    @Test
    void aClientLeavingMidStreamFreesItsWaiter() throws Exception {
        JobWaiters waiters = instances.bean(1, JobWaiters.class);
        int before = waiters.size();
        String id = b.create("LANG", "ADQL", "QUERY", QUERY);
        EventStream stream = EventStream.open(b.job(id) + "/events");
        assertThat(stream.next().id).isEqualTo("PENDING");
        assertThat(waiters.size()).isEqualTo(before + 1);

        stream.close();

        // the next heartbeat (a second here) finds the connection gone and ends the stream
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (waiters.size() > before && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(waiters.size()).isEqualTo(before);
    }

    @Test
    void theCallersJobListStreamOfAnAnonymousCallerIsOpenAndKeptAliveButEmpty() throws Exception {
        try (EventStream stream = EventStream.open(b.jobList() + "/events")) {
            assertThat(stream.response.statusCode()).isEqualTo(200);
            assertThat(stream.nextLine()).isEqualTo(": heartbeat");
        }
    }

    private static void awaitSlowQueries(ServiceInstances pair, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (SlowTable.running(pair.database()) != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(SlowTable.running(pair.database())).isEqualTo(expected);
    }

    private static long firstRowsMillis(List<String> lines) {
        String line = lines.stream().filter(text -> text.contains(" first rows after ")).findFirst().orElseThrow();
        return Long.parseLong(line.replaceAll(".* first rows after (\\d+) ms$", "$1"));
    }

    /** A Server-Sent Event as the stream sent it. */
    private record Event(String id, String name, String data) {
    }

    /** An open event stream, read line by line as an EventSource reads it. */
    private static final class EventStream implements AutoCloseable {

        private final HttpResponse<InputStream> response;
        private final BufferedReader lines;

        private EventStream(HttpResponse<InputStream> response) {
            this.response = response;
            this.lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        }

        static EventStream open(String url) throws IOException, InterruptedException {
            return new EventStream(HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream()));
        }

        String nextLine() throws IOException {
            return lines.readLine();
        }

        /** The next event, skipping comments; null when the stream has ended. */
        Event next() throws IOException {
            String id = null;
            String name = null;
            String data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        return new Event(id, name, data);
                    }
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = line.substring(6);
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}

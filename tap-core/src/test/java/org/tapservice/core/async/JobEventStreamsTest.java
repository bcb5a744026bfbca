package org.tapservice.core.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tapservice.core.async.Cluster.ALICE;
import static org.tapservice.core.async.Cluster.BOB;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tapservice.core.TapException;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.PhaseChange;

/**
 * The event streams' rules, on the in-memory cluster: a job stream starts with the job's
 * phase, sends only changes UWS allows from the last one sent, and ends at a final phase or
 * the job's deletion; an owner stream starts with the owner's unfinished jobs and carries the
 * changes of the owner's jobs only.
 */
class JobEventStreamsTest {

    /** A bound on waits, never an expectation of speed. */
    private static final long PATIENCE_SECONDS = 30;

    @TempDir
    Path results;

    private Cluster cluster;
    private JobEventStreams streams;

    @BeforeEach
    void start() {
        cluster = Cluster.start(results);
        streams = new JobEventStreams(cluster.jobs(), cluster.waiters(),
                new StreamSettings(Duration.ofMillis(200), Duration.ofSeconds(PATIENCE_SECONDS)), cluster.clock());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aJobStreamIgnoresAnEventThatComesAfterAPhaseTheJobCannotHaveLeftForIt() throws Exception {
        Job job = cluster.pending();
        Recorder recorder = new Recorder();
        Thread follower = Thread.ofVirtual().start(recorder.run(() -> streams.followJob(job.id(), ALICE,
                Optional.empty(), recorder)));
        assertThat(recorder.take()).isEqualTo("phase PENDING");

        cluster.claim(job.id());
        assertThat(recorder.take()).isEqualTo("phase QUEUED");
        // the worker's EXECUTING, then a QUEUED told again late (as when the instance that
        // queued the job publishes after the worker that claimed it)
        cluster.events().publish(new PhaseChange(job.id(), ExecutionPhase.EXECUTING));
        cluster.events().publish(new PhaseChange(job.id(), ExecutionPhase.QUEUED));
        cluster.events().publish(new PhaseChange(job.id(), ExecutionPhase.COMPLETED));
        follower.join(Duration.ofSeconds(PATIENCE_SECONDS));

        assertThat(recorder.events()).containsExactly("phase EXECUTING", "phase COMPLETED");
        assertThat(recorder.end.get()).isEqualTo(JobEventStreams.End.FINAL);
        assertThat(cluster.waiters().size()).isZero();
    }

    @Test
    void aJobDeletedWhileFollowedEndsItsStreamWithADeletedEvent() throws Exception {
        Job job = cluster.jobIn(ExecutionPhase.COMPLETED);
        Job pending = cluster.pending();
        Recorder recorder = new Recorder();
        Thread follower = Thread.ofVirtual().start(recorder.run(() -> streams.followJob(pending.id(), ALICE,
                Optional.empty(), recorder)));
        assertThat(recorder.take()).isEqualTo("phase PENDING");

        // removed behind the service's back: no event tells of it, the heartbeat's re-read does
        cluster.store().delete(pending.id());
        follower.join(Duration.ofSeconds(PATIENCE_SECONDS));

        assertThat(recorder.events()).containsExactly("deleted");
        assertThat(recorder.end.get()).isEqualTo(JobEventStreams.End.DELETED);
        assertThat(job.id()).isNotEqualTo(pending.id());
    }

    @Test
    void aClientThatHasTheCurrentPhaseIsNotSentItAgainAndOneThatHasTheFinalPhaseIsSentNothing() throws Exception {
        Job completed = cluster.jobIn(ExecutionPhase.COMPLETED);
        Recorder upToDate = new Recorder();

        assertThat(streams.followJob(completed.id(), ALICE, Optional.of("COMPLETED"), upToDate))
                .isEqualTo(JobEventStreams.End.UP_TO_DATE);
        assertThat(upToDate.opened).isFalse();

        Job pending = cluster.pending();
        Recorder reconnected = new Recorder();
        Thread follower = Thread.ofVirtual().start(reconnected.run(() -> streams.followJob(pending.id(), ALICE,
                Optional.of("PENDING"), reconnected)));
        cluster.jobs().abort(pending.id());
        follower.join(Duration.ofSeconds(PATIENCE_SECONDS));
        assertThat(reconnected.events()).containsExactly("phase ABORTED");
    }

    @Test
    void aStreamEndsAfterItsLongestTimeWithTheJobStillActive() throws Exception {
        JobEventStreams brief = new JobEventStreams(cluster.jobs(), cluster.waiters(),
                new StreamSettings(Duration.ofMillis(50), Duration.ofMillis(300)), cluster.clock());
        Job job = cluster.pending();
        Recorder recorder = new Recorder();

        assertThat(brief.followJob(job.id(), ALICE, Optional.empty(), recorder))
                .isEqualTo(JobEventStreams.End.TIMED_OUT);
        assertThat(recorder.events()).containsExactly("phase PENDING");
        assertThat(brief.followOwner(ALICE, new Recorder())).isEqualTo(JobEventStreams.End.TIMED_OUT);
        assertThat(cluster.waiters().size()).isZero();
    }

    @Test
    void anotherOwnersJobCannotBeFollowedAndNothingIsSent() {
        Job job = cluster.pending();
        Recorder recorder = new Recorder();

        assertThatThrownBy(() -> streams.followJob(job.id(), BOB, Optional.empty(), recorder))
                .isInstanceOf(TapException.class).hasMessageContaining("no job " + job.id());
        assertThat(recorder.opened).isFalse();
        assertThat(cluster.waiters().size()).isZero();
    }

    @Test
    void anOwnerStreamStartsWithTheOwnersUnfinishedJobsAndCarriesOnlyTheirChanges() throws Exception {
        Job pending = cluster.pending();
        cluster.jobIn(ExecutionPhase.COMPLETED);
        Job bobs = cluster.jobs().create(BOB, Cluster.parameters("QUERY", "SELECT 1"));
        Recorder recorder = new Recorder();
        Thread follower = Thread.ofVirtual().start(recorder.run(() -> streams.followOwner(ALICE, recorder)));
        assertThat(recorder.take()).isEqualTo("phase PENDING " + pending.id().value());

        cluster.jobs().run(bobs.id());
        cluster.jobs().run(pending.id());

        assertThat(recorder.take()).isEqualTo("phase QUEUED " + pending.id().value());
        follower.interrupt();
        follower.join(Duration.ofSeconds(PATIENCE_SECONDS));
        assertThat(recorder.events()).isEmpty();
        assertThat(cluster.waiters().size()).isZero();
    }

    /** Records a stream's events as "name PHASE" ("name PHASE id" for owner streams) and its end. */
    private static final class Recorder implements JobEventStreams.EventSink {

        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        private final AtomicReference<JobEventStreams.End> end = new AtomicReference<>();
        private volatile boolean opened;

        interface Stream {
            JobEventStreams.End follow() throws Exception;
        }

        Runnable run(Stream stream) {
            return () -> {
                try {
                    end.set(stream.follow());
                } catch (InterruptedException e) {
                    // the test ends an owner stream this way
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
        }

        @Override
        public void open() {
            opened = true;
        }

        @Override
        public void event(Optional<String> id, String name, String data) {
            String phase = data.replaceAll(".*\"phase\":\"([A-Z]+)\".*", "$1");
            String job = data.replaceAll(".*\"jobId\":\"([^\"]+)\".*", "$1");
            events.add(name.equals(JobEventStreams.DELETED) ? name
                    : name + " " + phase + (id.isPresent() ? "" : " " + job));
        }

        @Override
        public void comment(String text) {
            // heartbeats are not events
        }

        String take() throws InterruptedException {
            String event = events.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertThat(event).as("an event within the patience").isNotNull();
            return event;
        }

        List<String> events() {
            return List.copyOf(events);
        }
    }
}

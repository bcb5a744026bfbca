package org.tapservice.core.async;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.tapservice.core.quota.InMemoryQuotaLedger;
import org.tapservice.core.results.DirectoryResultStore;
import org.tapservice.core.testing.SettableClock;
import org.tapservice.core.testing.TestUploads;
import org.tapservice.core.uws.ErrorSummary;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.InMemoryJobEvents;
import org.tapservice.core.uws.InMemoryJobLog;
import org.tapservice.core.uws.InMemoryJobQueue;
import org.tapservice.core.uws.InMemoryJobStore;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobEvents;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.Lease;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.PhaseChange;
import org.tapservice.core.uws.Result;
import org.tapservice.core.uws.TransitionResult;

/**
 * What every test of this package starts from: the state instances share (jobs, queue,
 * events) in memory, results in a directory, and one instance's {@link JobService} over them,
 * all on a clock that moves only when the test moves it. Every event published is recorded in
 * {@link #heard()}, in order.
 */
record Cluster(SettableClock clock, InMemoryJobStore store, InMemoryQuotaLedger quotas, InMemoryJobQueue queue,
               InMemoryJobEvents events, InMemoryJobLog log,
               JobWaiters waiters, DirectoryResultStore results, JobService jobs, List<PhaseChange> heard,
               JobEvents.Subscription recording) implements AutoCloseable {

    static final Instant START = Instant.parse("2025-03-01T12:00:00Z");
    static final Optional<String> ALICE = Optional.of("ivo://example.org/alice");
    static final Optional<String> BOB = Optional.of("ivo://example.org/bob");
    static final Optional<String> ANONYMOUS = Optional.empty();
    /**
     * How long a test waits for something that should happen: far longer than any step takes,
     * far shorter than a hang. Only ever a bound on a wait, never a measure of speed.
     */
    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Long enough that no lease lapses unless a test moves the clock. */
    static final Duration LEASE = Duration.ofMinutes(10);

    /**
     * Ten minutes to run by default and an hour at most; kept a week by default and a month at
     * most; a WAIT of at most five minutes, far beyond {@link #PATIENCE}, so that a WAIT which
     * should end sooner and does not fails its test rather than ending at the cap.
     */
    static final JobPolicy POLICY = new JobPolicy(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofDays(7),
            Duration.ofDays(30), Duration.ofMinutes(5));

    static Cluster start(Path resultDirectory) {
        return start(resultDirectory, POLICY);
    }

    static Cluster start(Path resultDirectory, JobPolicy policy) {
        SettableClock clock = new SettableClock(START);
        InMemoryJobStore store = new InMemoryJobStore();
        InMemoryJobQueue queue = new InMemoryJobQueue(store, clock);
        InMemoryJobEvents events = new InMemoryJobEvents();
        JobWaiters waiters = new JobWaiters(events);
        DirectoryResultStore results = new DirectoryResultStore(resultDirectory);
        List<PhaseChange> heard = new CopyOnWriteArrayList<>();
        JobEvents.Subscription recording = events.subscribe(heard::add);
        InMemoryQuotaLedger quotas = new InMemoryQuotaLedger(store);
        return new Cluster(clock, store, quotas, queue, events, new InMemoryJobLog("instance-1", clock), waiters,
                results, new JobService(store, quotas, queue, events, waiters, results,
                        new JobUploads(results, TestUploads.LIMITS), policy, clock), heard, recording);
    }

    /** Parameters from names and values in turn: {@code parameters("LANG", "ADQL", "QUERY", "...")}. */
    static List<Parameter> parameters(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        List<Parameter> parameters = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.add(Parameter.of(namesAndValues[i], namesAndValues[i + 1]));
        }
        return List.copyOf(parameters);
    }

    /** A PENDING job of Alice's with a query, created through the service. */
    Job pending() {
        return jobs.create(ALICE, parameters("LANG", "ADQL", "QUERY", "SELECT TOP 1 id FROM science.sources"));
    }

    /**
     * Alice's job brought into a phase the way the service and its workers would bring it there
     * (HELD and SUSPENDED are the system's to set, so the store sets them directly).
     */
    Job jobIn(ExecutionPhase phase) {
        Job job = pending();
        return switch (phase) {
            case PENDING -> job;
            case QUEUED -> jobs.run(job.id());
            case EXECUTING -> claim(job.id()).job();
            case HELD -> moved(store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.HELD,
                    JobChange.none()));
            case SUSPENDED -> moved(store.transition(claim(job.id()).id(), Set.of(ExecutionPhase.EXECUTING),
                    ExecutionPhase.SUSPENDED, JobChange.none()));
            case COMPLETED -> finished(job.id(), ExecutionPhase.COMPLETED, JobChange.completed(clock.instant(),
                    List.of(Result.main("text/csv", 0))));
            case ERROR -> finished(job.id(), ExecutionPhase.ERROR, JobChange.failed(clock.instant(),
                    ErrorSummary.fatal("the query failed")));
            case ABORTED -> jobs.abort(job.id());
            case UNKNOWN, ARCHIVED -> throw new IllegalArgumentException("no job of this service is ever " + phase);
        };
    }

    /** Alice's job, COMPLETED with these results listed (their bytes are the test's to store). */
    Job completedWith(List<Result> results) {
        return finished(pending().id(), ExecutionPhase.COMPLETED, JobChange.completed(clock.instant(), results));
    }

    /** Queues the job and claims it as a worker would; it must be the next on the queue. */
    Lease claim(JobId id) {
        jobs.run(id);
        Lease lease = queue.claim(LEASE, clock.instant()).orElseThrow();
        if (!lease.id().equals(id)) {
            throw new IllegalStateException("claimed " + lease.id() + " instead of " + id);
        }
        return lease;
    }

    /** Writes a main result's bytes as a worker would, before the job lists it. */
    void writeResult(JobId id, String content) throws IOException {
        try (OutputStream out = results.create(id, Result.MAIN)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The text of a job's main result as the result store holds it, if it holds one. */
    Optional<String> resultText(JobId id) throws IOException {
        Optional<InputStream> stored = results.open(id, Result.MAIN);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = stored.get()) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The phases of the events heard about one job, in order. */
    List<ExecutionPhase> heardAbout(JobId id) {
        return heard.stream().filter(change -> change.id().equals(id)).map(PhaseChange::phase).toList();
    }

    /**
     * The job once its phase passes the test, followed through blocking WAITs (UWS 2.2.1.1) as
     * a client would follow it, failing after {@link #PATIENCE}.
     */
    Job awaitPhase(JobId id, Predicate<ExecutionPhase> reached) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Job job = store.find(id).orElseThrow();
        while (!reached.test(job.phase())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("job " + id + " still " + job.phase() + " after " + PATIENCE);
            }
            job = jobs.await(id, job.owner(), Optional.of(job.phase()), Duration.ofNanos(left));
        }
        return job;
    }

    /** Polls until the condition holds, failing after {@link #PATIENCE}. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE + " for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        recording.close();
        waiters.close();
    }

    private Job finished(JobId id, ExecutionPhase target, JobChange change) {
        return moved(queue.finish(claim(id), target, change));
    }

    private static Job moved(TransitionResult result) {
        if (result instanceof TransitionResult.Applied(Job job)) {
            return job;
        }
        throw new IllegalStateException("the job did not move: " + result);
    }
}

package org.tapservice.core.async;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;

import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobFilter;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobRef;
import org.tapservice.core.uws.OwnerFilter;
import org.tapservice.core.uws.PhaseChange;
import org.tapservice.core.uws.PhaseTransitions;
import org.tapservice.core.uws.UwsDocuments;

/**
 * A job's phase changes, and those of an owner's jobs, as a stream of events (an extension of
 * UWS: /async/{id}/events and /async/events). A stream runs on the request's own (virtual)
 * thread, blocked on a {@link JobWaiters} waiter between events: it costs no platform thread
 * and no Redis connection, as the instance's one subscription feeds every stream.
 *
 * <p>Events are {@code phase} events whose data is JSON, {@code {"jobId": ..., "phase": ...,
 * "time": ...}}, time being when this instance saw the job in that phase; a job stream's event
 * id is the phase. Job events are at most once and may arrive out of order (two instances
 * publish them), so a job stream sends a phase only if UWS allows the job to reach it from the
 * last one sent, and re-reads the job at every heartbeat to catch a change whose event was
 * lost.
 */
public final class JobEventStreams {

    /** The event of a phase reached. */
    public static final String PHASE = "phase";
    /** The event of a job deleted (or destroyed) while followed. */
    public static final String DELETED = "deleted";

    private final JobService jobs;
    private final JobWaiters waiters;
    private final StreamSettings settings;
    private final Clock clock;

    public JobEventStreams(JobService jobs, JobWaiters waiters, StreamSettings settings, Clock clock) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.waiters = requireNonNull(waiters, "waiters is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Where a stream's events go (tap-api writes them as Server-Sent Events). */
    public interface EventSink {
        /** Called once, before the first event: the stream is accepted. */
        void open() throws IOException;

        /** An event; {@code id} may be empty. */
        void event(Optional<String> id, String name, String data) throws IOException;

        /** A comment that keeps the connection open. */
        void comment(String text) throws IOException;
    }

    /** Why a stream ended. */
    public enum End {
        /** The job reached a final phase. */
        FINAL,
        /** The job is gone. */
        DELETED,
        /** The client already has the final phase it would be sent (Last-Event-ID): nothing to send. */
        UP_TO_DATE,
        /** The stream was open for its longest time; the client may reconnect. */
        TIMED_OUT,
        /** The stream fell too far behind its owner's changes; the client should reconnect. */
        OVERFLOWED
    }

    /**
     * Follows one job: its current phase first (unless {@code lastEventId} says the client has
     * it), then each change, until a final phase, the job's deletion or the longest stream.
     * Access is checked before the sink is opened.
     *
     * @throws TapException (404) when the caller may not see the job, before anything is sent
     * @throws IOException when the client went away
     */
    public End followJob(JobId id, Optional<String> caller, Optional<String> lastEventId, EventSink sink)
            throws IOException, InterruptedException {
        try (JobWaiters.Waiter waiter = waiters.register(id)) {
            Job job = jobs.get(id, caller);
            ExecutionPhase last = job.phase();
            boolean known = lastEventId.map(last.value()::equals).orElse(false);
            if (known && last.isFinal()) {
                return End.UP_TO_DATE;
            }
            sink.open();
            if (!known) {
                sink.event(Optional.of(last.value()), PHASE, data(id, last));
            }
            long deadline = System.nanoTime() + settings.maxDuration().toNanos();
            while (!last.isFinal()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return End.TIMED_OUT;
                }
                Optional<PhaseChange> change = waiter.nextChange(min(settings.heartbeat(), Duration.ofNanos(left)));
                if (change.isEmpty()) {
                    sink.comment("heartbeat");
                }
                Optional<ExecutionPhase> next = change.map(PhaseChange::phase);
                if (next.isEmpty() || !(next.get().isFinal() || PhaseTransitions.isAllowed(last, next.get()))) {
                    // a quiet while, an event out of order or a step whose event was lost: the
                    // store says where the job is
                    next = currentPhase(id, caller);
                }
                if (next.isEmpty()) {
                    sink.event(Optional.empty(), DELETED, "{\"jobId\":\"" + id.value() + "\",\"time\":\""
                            + UwsDocuments.timestamp(clock.instant()) + "\"}");
                    return End.DELETED;
                }
                if (next.get() != last && isReachable(last, next.get())) {
                    last = next.get();
                    sink.event(Optional.of(last.value()), PHASE, data(id, last));
                }
            }
            return End.FINAL;
        }
    }

    /**
     * Follows the caller's jobs: the phase of each job of theirs that has not finished, then
     * every change of any of their jobs, until the longest stream. An anonymous caller has no
     * job list (see the job list resource), so its stream only keeps time.
     */
    public End followOwner(Optional<String> caller, EventSink sink) throws IOException, InterruptedException {
        Optional<JobWaiters.Waiter> waiter = caller.map(waiters::registerOwner);
        try {
            sink.open();
            if (caller.isPresent()) {
                JobFilter unfinished = JobFilter.all().withOwner(new OwnerFilter.Owner(caller.get()))
                        .withPhases(UNFINISHED);
                for (JobRef job : jobs.list(unfinished).jobs()) {
                    sink.event(Optional.empty(), PHASE, data(job.id(), job.phase()));
                }
            }
            long deadline = System.nanoTime() + settings.maxDuration().toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return End.TIMED_OUT;
                }
                Duration wait = min(settings.heartbeat(), Duration.ofNanos(left));
                Optional<PhaseChange> change = waiter.isPresent() ? waiter.get().nextChange(wait) : sleep(wait);
                if (change.isPresent()) {
                    sink.event(Optional.empty(), PHASE, data(change.get().id(), change.get().phase()));
                } else {
                    sink.comment("heartbeat");
                }
                if (waiter.isPresent() && waiter.get().overflowed()) {
                    return End.OVERFLOWED;
                }
            }
        } finally {
            waiter.ifPresent(JobWaiters.Waiter::close);
        }
    }

    /** The phases an owner stream starts with: every one a job can still leave. */
    private static final Set<ExecutionPhase> UNFINISHED = EnumSet.of(ExecutionPhase.PENDING, ExecutionPhase.QUEUED,
            ExecutionPhase.EXECUTING, ExecutionPhase.HELD, ExecutionPhase.SUSPENDED);

    private String data(JobId id, ExecutionPhase phase) {
        return "{\"jobId\":\"" + id.value() + "\",\"phase\":\"" + phase.value() + "\",\"time\":\""
                + UwsDocuments.timestamp(clock.instant()) + "\"}";
    }

    private Optional<ExecutionPhase> currentPhase(JobId id, Optional<String> caller) {
        try {
            return Optional.of(jobs.get(id, caller).phase());
        } catch (TapException e) {
            if (e.kind() != ErrorKind.NOT_FOUND) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** Whether UWS lets a job in {@code from} reach {@code to} in one or more steps. */
    static boolean isReachable(ExecutionPhase from, ExecutionPhase to) {
        Set<ExecutionPhase> seen = EnumSet.noneOf(ExecutionPhase.class);
        Queue<ExecutionPhase> next = new ArrayDeque<>(PhaseTransitions.targets(from));
        while (!next.isEmpty()) {
            ExecutionPhase phase = next.remove();
            if (phase == to) {
                return true;
            }
            if (seen.add(phase)) {
                next.addAll(PhaseTransitions.targets(phase));
            }
        }
        return false;
    }

    private static Optional<PhaseChange> sleep(Duration wait) throws InterruptedException {
        Thread.sleep(wait);
        return Optional.empty();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

package org.tapservice.core.async;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.dali.DaliInstant;
import org.tapservice.core.quota.Admission;
import org.tapservice.core.quota.Quota;
import org.tapservice.core.quota.QuotaException;
import org.tapservice.core.quota.QuotaExceeded;
import org.tapservice.core.quota.QuotaLedger;
import org.tapservice.core.results.ResultStore;
import org.tapservice.core.upload.UploadParts;
import org.tapservice.core.uws.ErrorSummary;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobEvents;
import org.tapservice.core.uws.JobFilter;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobObserver;
import org.tapservice.core.uws.JobPage;
import org.tapservice.core.uws.JobQueue;
import org.tapservice.core.uws.JobStore;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.PhaseChange;
import org.tapservice.core.uws.PhaseTransitions;
import org.tapservice.core.uws.TransitionResult;
import org.tapservice.core.uws.UpdateResult;

/**
 * What a UWS client can do with async jobs (UWS 1.1 section 2.2), on any instance: each
 * operation is one or two atomic steps of the shared {@link JobStore}, followed by an event so
 * that waiting requests and the worker running the job hear of it wherever they are.
 *
 * <p>Who may touch a job is decided by {@link #get}: a job with an owner is visible to that
 * owner only; an anonymous job to whoever knows its id (the id holds 108 random bits). Callers
 * check access with {@code get} and then act on the id.
 */
public final class JobService {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);

    /** The UWS parameters that steer the job rather than being its parameters. */
    private static final Set<String> CONTROL_PARAMETERS = Set.of("PHASE", "EXECUTIONDURATION", "DESTRUCTION");

    private final JobStore store;
    private final QuotaLedger quotas;
    private final JobQueue queue;
    private final JobEvents events;
    private final JobWaiters waiters;
    private final ResultStore results;
    private final JobUploads uploads;
    private final JobPolicy policy;
    private final Clock clock;
    private final JobObserver observer;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param quotas the ledger of the same jobs, through which PHASE=RUN queues them within
     *               their owner's quota
     */
    public JobService(JobStore store, QuotaLedger quotas, JobQueue queue, JobEvents events, JobWaiters waiters,
                      ResultStore results, JobUploads uploads, JobPolicy policy, Clock clock) {
        this(store, quotas, queue, events, waiters, results, uploads, policy, clock, JobObserver.NONE);
    }

    /**
     * @param observer told of the phases this service's RUNs and ABORTs move jobs to
     */
    public JobService(JobStore store, QuotaLedger quotas, JobQueue queue, JobEvents events, JobWaiters waiters,
                      ResultStore results, JobUploads uploads, JobPolicy policy, Clock clock, JobObserver observer) {
        this.observer = requireNonNull(observer, "observer is null");
        this.store = requireNonNull(store, "store is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.queue = requireNonNull(queue, "queue is null");
        this.events = requireNonNull(events, "events is null");
        this.waiters = requireNonNull(waiters, "waiters is null");
        this.results = requireNonNull(results, "results is null");
        this.uploads = requireNonNull(uploads, "uploads is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Creates a job from parameters without upload parts, under no quota (see the full form below). */
    public Job create(Optional<String> owner, List<Parameter> parameters) {
        return create(owner, Quota.UNLIMITED, parameters, UploadParts.none(), "");
    }

    /**
     * Creates a job from the parameters POSTed to the job list (UWS 2.2.3.1). PHASE=RUN queues
     * it at once; EXECUTIONDURATION and DESTRUCTION set those (within the policy); RUNID is the
     * client's label and, being a TAP parameter too, stays among the parameters. The parts
     * UPLOAD names are stored before the job exists (see {@link JobUploads}), so that a job run
     * at once finds them wherever it runs.
     *
     * <p>A PHASE=RUN beyond the owner's quota creates no job: the creation is refused as a
     * whole, so that no client is left holding a job it did not ask to keep PENDING.
     *
     * @param owner       the caller's identity; empty for anonymous
     * @param quota       the caller's quota, which PHASE=RUN must fit in
     * @param parts       the request's multipart parts
     * @param jobListUrl  the URL of the job list as the client sees it, under which stored
     *                    uploads are served
     * @throws TapException (400) for a PHASE other than RUN, a malformed duration or time, or an
     *         upload part that cannot be stored
     * @throws QuotaException (429) for PHASE=RUN beyond the quota
     */
    public Job create(Optional<String> owner, Quota quota, List<Parameter> parameters, UploadParts parts,
                      String jobListUrl) {
        requireNonNull(owner, "owner is null");
        requireNonNull(quota, "quota is null");
        boolean run = false;
        Duration executionDuration = policy.defaultExecutionDuration();
        Instant creation = clock.instant();
        Instant destruction = creation.plus(policy.defaultLifetime());
        Optional<String> runId = Optional.empty();
        List<Parameter> jobParameters = new ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            String name = parameter.id().toUpperCase(Locale.ROOT);
            switch (name) {
                case "PHASE" -> run = isRun(parameter.value());
                case "EXECUTIONDURATION" -> executionDuration = policy.executionDuration(
                        parseExecutionDuration(parameter.value()));
                case "DESTRUCTION" -> destruction = policy.destruction(creation, parseDestruction(parameter.value()));
                case "RUNID" -> runId = Optional.of(parameter.value());
                default -> { }
            }
            if (!CONTROL_PARAMETERS.contains(name)) {
                jobParameters.add(parameter);
            }
        }
        JobId id = JobId.random(random, owner);
        Job job;
        try {
            List<Parameter> stored = storeUploads(id, jobParameters, parts, jobListUrl);
            job = Job.pending(id, owner, runId, stored, creation, executionDuration, destruction);
            store.create(job);
        } catch (RuntimeException e) {
            discardUploads(id, e);
            throw e;
        }
        if (!run) {
            return job;
        }
        try {
            return run(job.id(), quota);
        } catch (QuotaException e) {
            // never acknowledged: the client learns of the refusal, not of a job left PENDING
            store.delete(job.id());
            discardUploads(id, e);
            throw e;
        }
    }

    /**
     * The job, if the caller may see it.
     *
     * @throws TapException (404) when there is no such job, or it belongs to someone else
     */
    public Job get(JobId id, Optional<String> caller) {
        Job job = store.find(id).orElseThrow(() -> notFound(id));
        if (job.owner().isPresent() && !job.owner().equals(caller)) {
            // the same answer as for a missing job: ids of others' jobs are not confirmed
            throw notFound(id);
        }
        return job;
    }

    /** The caller's jobs as the filter selects them (UWS 2.2.2.1). */
    public JobPage list(JobFilter filter) {
        return store.list(filter);
    }

    /** PHASE=RUN under no quota (see the full form below). */
    public Job run(JobId id) {
        return run(id, Quota.UNLIMITED);
    }

    /**
     * PHASE=RUN: queues a PENDING or HELD job, within the owner's quota. A job already queued,
     * running or finished is left as it is: a repeated RUN (a client retrying) is not an error.
     *
     * @throws QuotaException (429) when the owner has as many jobs QUEUED, or as many bytes of
     *         results stored, as the quota allows; the job stays PENDING
     */
    public Job run(JobId id, Quota quota) {
        return switch (quotas.queue(id, quota)) {
            case Admission.Queued(Job queued) -> {
                observer.reached(queued);
                queue.offer(id);
                store.awaitDurable(id);
                events.publish(PhaseChange.of(queued));
                yield queued;
            }
            case Admission.NotRunnable(ExecutionPhase current) -> current(id);
            case Admission.OverQuota(QuotaExceeded exceeded) -> throw new QuotaException(exceeded, Optional.empty());
            case Admission.NotFound() -> throw notFound(id);
        };
    }

    /**
     * PHASE=ABORT: stops a job that has not finished (UWS 2.1.4); the instance running it hears
     * of it through the event and cancels its query. Aborting a finished job changes nothing.
     */
    public Job abort(JobId id) {
        return abort(id, JobChange.aborted(clock.instant()));
    }

    /**
     * Stops a job that has run for longer than its execution duration: UWS 2.1.4 gives that
     * the effect of an ABORT; the error summary says why.
     */
    public Job abortOverrun(JobId id) {
        Job job = store.find(id).orElseThrow(() -> notFound(id));
        return abort(id, JobChange.aborted(clock.instant()).withError(ErrorSummary.fatal(
                "the query ran for longer than the job's execution duration of " + job.executionDuration().toSeconds()
                        + " s and was aborted; narrow the query, or ask for a longer EXECUTIONDURATION")));
    }

    private Job abort(JobId id, JobChange change) {
        // every phase that may move to ABORTED is unfinished: a finished job is never aborted
        TransitionResult result = store.transition(id, PhaseTransitions.sources(ExecutionPhase.ABORTED),
                ExecutionPhase.ABORTED, change);
        return switch (result) {
            case TransitionResult.Applied(Job aborted) -> {
                observer.reached(aborted);
                queue.remove(id);
                events.publish(PhaseChange.of(aborted));
                yield aborted;
            }
            case TransitionResult.Refused(ExecutionPhase current) -> current(id);
            case TransitionResult.NotFound() -> throw notFound(id);
        };
    }

    /**
     * DELETE (UWS 2.2.3.2): aborts the job if it still runs, then forgets it and its results.
     *
     * @return whether there was such a job
     */
    public boolean delete(JobId id) {
        Optional<Job> job = store.find(id);
        if (job.isEmpty()) {
            return false;
        }
        if (!job.get().phase().isFinal()) {
            try {
                abort(id);
            } catch (TapException e) {
                // deleted meanwhile by someone else
            }
        }
        boolean deleted = store.delete(id);
        queue.remove(id);
        deleteResults(id);
        return deleted;
    }

    /** Sets parameters without upload parts (see the full form below). */
    public Job setParameters(JobId id, List<Parameter> parameters) {
        return setParameters(id, parameters, UploadParts.none(), "");
    }

    /**
     * Sets parameters of a PENDING job (UWS 2.1.11); names given replace the values they had. A
     * RUNID among them is the job's run id too, as at creation, so that the two never disagree.
     * Parts that an UPLOAD among them names are stored as at creation.
     */
    public Job setParameters(JobId id, List<Parameter> parameters, UploadParts parts, String jobListUrl) {
        for (Parameter parameter : parameters) {
            String name = parameter.id().toUpperCase(Locale.ROOT);
            if (CONTROL_PARAMETERS.contains(name)) {
                throw TapException.invalid(parameter.id() + " is not a job parameter; set it through its own "
                        + "resource, /" + parameter.id().toLowerCase(Locale.ROOT));
            }
        }
        ExecutionPhase phase = current(id).phase();
        if (phase != ExecutionPhase.PENDING) {
            // checked before storing too: a copy stored now could replace one a running job reads
            throw notPending(id, phase, "parameters");
        }
        List<Parameter> stored = storeUploads(id, parameters, parts, jobListUrl);
        JobChange change = JobChange.none().withParameters(stored);
        for (Parameter parameter : stored) {
            if (parameter.isNamed("RUNID")) {
                change = change.withRunId(parameter.value());
            }
        }
        return update(id, change, "parameters");
    }

    /** Sets the execution duration of a PENDING job, within the policy (UWS 2.2.3.4). */
    public Job setExecutionDuration(JobId id, String seconds) {
        return update(id, JobChange.none().withExecutionDuration(policy.executionDuration(
                parseExecutionDuration(seconds))), "the execution duration");
    }

    /** Sets the destruction time, no later than the policy allows (UWS 2.2.3.3). */
    public Job setDestruction(JobId id, String instant) {
        Job job = store.find(id).orElseThrow(() -> notFound(id));
        return update(id, JobChange.none().withDestruction(policy.destruction(job.creationTime(),
                parseDestruction(instant))), "the destruction time");
    }

    /**
     * Blocks until the job leaves its phase, or the given one (UWS 1.1 section 2.2.1.1), or the
     * time runs out, whichever comes first; returns at once when the job is not in an active
     * phase or not in the phase named.
     *
     * @param phase   the PHASE the client says it is waiting in, if it gave one
     * @param timeout the WAIT asked for; negative for as long as the service allows
     */
    public Job await(JobId id, Optional<String> caller, Optional<ExecutionPhase> phase, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + policy.waitTime(timeout).toNanos();
        try (JobWaiters.Waiter waiter = waiters.register(id)) {
            Job job = get(id, caller);
            ExecutionPhase watched = phase.orElse(job.phase());
            while (job.phase() == watched && job.phase().isActive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !waiter.awaitChange(Duration.ofNanos(left))) {
                    break;
                }
                job = get(id, caller);
            }
            return job;
        }
    }

    /**
     * A result of the job, streamed from the result store.
     *
     * @throws TapException (404) when the job lists no such result
     */
    public InputStream openResult(Job job, String resultId) {
        if (job.result(resultId).isEmpty()) {
            throw new TapException(ErrorKind.NOT_FOUND, "job " + job.id() + " has no result '" + resultId
                    + "'" + (job.phase() == ExecutionPhase.COMPLETED ? "" : " (it is " + job.phase() + ")"));
        }
        try {
            return results.open(job.id(), resultId).orElseThrow(() -> new TapException(ErrorKind.SERVICE_FAILURE,
                    "result '" + resultId + "' of job " + job.id() + " is listed but missing from the result store"));
        } catch (IOException e) {
            throw new TapException(ErrorKind.UNAVAILABLE, "the result store cannot be read now; try again later", e);
        }
    }

    /**
     * A stored copy of an upload part of the job, by the file name its parameter's URL ends with.
     *
     * @throws TapException (404) when the job has no such copy
     */
    public JobUploads.StoredUpload openUpload(Job job, String file) {
        try {
            return uploads.open(job.id(), file).orElseThrow(() -> new TapException(ErrorKind.NOT_FOUND, "job "
                    + job.id() + " has no uploaded table '" + file + "'"));
        } catch (IOException e) {
            throw new TapException(ErrorKind.UNAVAILABLE, "the result store cannot be read now; try again later", e);
        }
    }

    /**
     * Destroys a job whose destruction time has passed (UWS 2.1.5), if it has: its destruction
     * may have been moved later since the caller looked.
     *
     * @return whether it was destroyed
     */
    public boolean destroyIfDue(JobId id) {
        Optional<Job> job = store.find(id);
        if (job.isPresent() && job.get().destruction().isAfter(clock.instant())) {
            return false;
        }
        if (job.isPresent()) {
            log.info("destroying job {} (destruction time {})", id, job.get().destruction());
            return delete(id);
        }
        deleteResults(id);
        return true;
    }

    /** Stores the job's upload parts, answering the parameters to keep. */
    private List<Parameter> storeUploads(JobId id, List<Parameter> parameters, UploadParts parts, String jobListUrl) {
        try {
            return uploads.store(id, parameters, parts, jobListUrl + "/" + id);
        } catch (IOException e) {
            throw new TapException(ErrorKind.UNAVAILABLE, "the uploaded tables could not be stored; please try "
                    + "again later", e);
        }
    }

    /** Removes what a creation that failed had stored for the job. */
    private void discardUploads(JobId id, Exception failure) {
        try {
            results.delete(id);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private Job update(JobId id, JobChange change, String what) {
        UpdateResult result = store.update(id, change);
        return switch (result) {
            case UpdateResult.Updated(Job updated) -> updated;
            case UpdateResult.Refused(ExecutionPhase current) -> throw notPending(id, current, what);
            case UpdateResult.NotFound() -> throw notFound(id);
        };
    }

    private static TapException notPending(JobId id, ExecutionPhase phase, String what) {
        return TapException.invalid("job " + id + " is " + phase + ": " + what + " can be changed only while it is "
                + "PENDING");
    }

    private Job current(JobId id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    private void deleteResults(JobId id) {
        try {
            results.delete(id);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the results of job " + id, e);
        }
    }

    private static boolean isRun(String value) {
        if (value.strip().equalsIgnoreCase("RUN")) {
            return true;
        }
        throw TapException.invalid("PHASE at job creation may only be RUN; got '" + value + "'");
    }

    private static Duration parseExecutionDuration(String text) {
        try {
            long seconds = Long.parseLong(text.strip());
            if (seconds >= 0) {
                return Duration.ofSeconds(Math.min(seconds, Integer.MAX_VALUE));
            }
        } catch (NumberFormatException e) {
            // reported below with the value the client sent
        }
        throw TapException.invalid("EXECUTIONDURATION must be a whole number of seconds, 0 or more; got '"
                + text + "'");
    }

    private static Instant parseDestruction(String text) {
        try {
            return DaliInstant.parse(text);
        } catch (IllegalArgumentException e) {
            throw TapException.invalid("DESTRUCTION: " + e.getMessage());
        }
    }

    private static TapException notFound(JobId id) {
        return new TapException(ErrorKind.NOT_FOUND, "no job " + id + " (it never existed, was deleted, or "
                + "passed its destruction time)");
    }
}

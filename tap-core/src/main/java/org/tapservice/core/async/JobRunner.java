package org.tapservice.core.async;

import static java.util.Objects.requireNonNull;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.dali.DaliParameters;
import org.tapservice.core.quota.QuotaLedger;
import org.tapservice.core.query.QueryControl;
import org.tapservice.core.query.QueryEngine;
import org.tapservice.core.query.QueryFailedException;
import org.tapservice.core.query.ResultAnnotations;
import org.tapservice.core.results.CountingOutputStream;
import org.tapservice.core.results.ResultConversion;
import org.tapservice.core.results.ResultStore;
import org.tapservice.core.results.StorageLimitException;
import org.tapservice.core.tap.QueryRequest;
import org.tapservice.core.tap.QueryRequestParser;
import org.tapservice.core.uws.ErrorSummary;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobEvents;
import org.tapservice.core.uws.JobLog;
import org.tapservice.core.uws.JobLogEvents;
import org.tapservice.core.uws.JobObserver;
import org.tapservice.core.uws.JobQueue;
import org.tapservice.core.uws.Lease;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.PhaseChange;
import org.tapservice.core.uws.Result;
import org.tapservice.core.uws.TransitionResult;
import org.tapservice.votable.ResultFormats;
import org.tapservice.votable.ResultWriter;
import org.tapservice.votable.WriteSummary;

/**
 * Runs one claimed TAP job: its parameters are read as a sync request would be, the query
 * runs through the same engine (its uploads read from the copies stored when it was created,
 * see {@link JobUploads}), and the result streams into the {@link ResultStore} as
 * {@value Result#MAIN} (in another format than BINARY2, by way of a BINARY2 copy kept beside it:
 * see {@link #execute}). The job then moves to COMPLETED or ERROR through
 * {@link JobQueue#finish}, which refuses if the job was aborted meanwhile or the lease was lost:
 * a worker finishing late never overwrites a final phase.
 */
public final class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final JobQueue queue;
    private final JobEvents events;
    private final JobLog jobLog;
    private final QueryEngine engine;
    private final QueryRequestParser parser;
    private final ResultStore results;
    private final ResultFormats formats;
    private final QuotaLedger quotas;
    private final JobUploads uploads;
    private final Clock clock;
    private final Duration grace;
    private final ResultAnnotations annotations;
    private final JobObserver observer;

    /**
     * @param jobLog where the run's progress is logged beside the phase changes the queue logs
     * @param quotas what the job's owner may still store: a result stops at that many bytes
     */
    public JobRunner(JobQueue queue, JobEvents events, JobLog jobLog, QueryEngine engine, QueryRequestParser parser,
                     ResultStore results, ResultFormats formats, QuotaLedger quotas, JobUploads uploads, Clock clock,
                     Duration grace) {
        this(queue, events, jobLog, engine, parser, results, formats, quotas, uploads, clock, grace,
                ResultAnnotations.TAP);
    }

    /**
     * @param annotations how results are annotated: a job runs away from any request, so a
     *                    service descriptor in its result needs a URL known without one
     */
    public JobRunner(JobQueue queue, JobEvents events, JobLog jobLog, QueryEngine engine, QueryRequestParser parser,
                     ResultStore results, ResultFormats formats, QuotaLedger quotas, JobUploads uploads, Clock clock,
                     Duration grace, ResultAnnotations annotations) {
        this(queue, events, jobLog, engine, parser, results, formats, quotas, uploads, clock, grace, annotations,
                JobObserver.NONE);
    }

    /**
     * @param observer told of a result stopped by its owner's storage quota
     */
    public JobRunner(JobQueue queue, JobEvents events, JobLog jobLog, QueryEngine engine, QueryRequestParser parser,
                     ResultStore results, ResultFormats formats, QuotaLedger quotas, JobUploads uploads, Clock clock,
                     Duration grace, ResultAnnotations annotations, JobObserver observer) {
        this.observer = requireNonNull(observer, "observer is null");
        this.annotations = requireNonNull(annotations, "annotations is null");
        this.queue = requireNonNull(queue, "queue is null");
        this.events = requireNonNull(events, "events is null");
        this.jobLog = requireNonNull(jobLog, "jobLog is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.results = requireNonNull(results, "results is null");
        this.formats = requireNonNull(formats, "formats is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.uploads = requireNonNull(uploads, "uploads is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.grace = requireNonNull(grace, "grace is null");
    }

    /** The control a run of this job needs: its execution duration (plus grace) as the statement timeout. */
    public QueryControl controlFor(Job job) {
        return new QueryControl(Optional.of(job.executionDuration().plus(grace)));
    }

    /**
     * Runs the leased job to its end.
     *
     * @return the phase the job ended in, as stored; empty when the run was cancelled (the job
     *         was aborted, its lease lost, or this instance is stopping) and so left unfinished
     *         by this worker: whoever cancelled it decides what the job becomes
     */
    public Optional<ExecutionPhase> run(Lease lease, QueryControl control) {
        Job job = lease.job();
        JobChange outcome;
        ExecutionPhase target;
        try {
            List<Result> stored = execute(job, control);
            target = ExecutionPhase.COMPLETED;
            outcome = JobChange.completed(clock.instant(), stored);
        } catch (IOException | RuntimeException e) {
            if (control.isCancelled()) {
                // The failure is the cancellation itself, not the query's fault. Nothing is
                // deleted: this run's unfinished result was never made readable, and the job's
                // results may by now be another worker's, which took the job over (the store
                // drops an unfinished write's bytes with the job).
                return Optional.empty();
            }
            target = ExecutionPhase.ERROR;
            outcome = JobChange.failed(clock.instant(), summary(job, e));
        }
        TransitionResult finished = queue.finish(lease, target, outcome);
        return Optional.of(switch (finished) {
            case TransitionResult.Applied(Job stored) -> {
                if (stored.phase() == ExecutionPhase.ERROR) {
                    // the job is this worker's to the end: what its failure left half-written goes now
                    deleteResults(job);
                }
                events.publish(PhaseChange.of(stored));
                yield stored.phase();
            }
            case TransitionResult.Refused(ExecutionPhase current) -> {
                log.debug("job {} was {} before its worker finished it", job.id(), current);
                yield current;
            }
            case TransitionResult.NotFound() -> {
                // deleted while running: what this run stored belongs to nobody
                deleteResults(job);
                yield ExecutionPhase.UNKNOWN;
            }
        });
    }

    /** Why the job failed, in words for the person who sent it. */
    private ErrorSummary summary(Job job, Exception failure) {
        Optional<StorageLimitException> overQuota = StorageLimitException.in(failure);
        if (overQuota.isPresent()) {
            observer.resultOverQuota(job.id());
            return ErrorSummary.fatal("the result grew past the " + overQuota.get().limit() + " bytes your storage"
                    + " quota had left; ask for fewer rows (MAXREC, TOP) or columns, or delete jobs whose results you"
                    + " no longer need, then run the job again");
        }
        return switch (failure) {
            case TapException e when e.kind() == ErrorKind.UNAVAILABLE -> ErrorSummary.transientError(e.getMessage());
            case TapException e -> ErrorSummary.fatal(e.getMessage());
            case QueryFailedException e -> ErrorSummary.fatal(e.getMessage());
            case IOException e -> {
                log.warn("job {}: the result could not be stored", job.id(), e);
                yield ErrorSummary.transientError("the result could not be stored; run the job again later");
            }
            default -> {
                log.error("job {} failed", job.id(), failure);
                yield ErrorSummary.fatal("the service failed to run this job; please report it with the job id "
                        + job.id());
            }
        };
    }

    /**
     * Runs the query into the store. A result asked for as a VOTable (BINARY2, the default, or
     * another serialization) is stored as it is written; one asked for in another format is written as BINARY2 first,
     * kept as {@code result-votable}, and converted into {@value Result#MAIN} from there: other
     * formats can then be made from that copy too ({@link ResultConversions}), which CSV, FITS
     * or Parquet could not be read back for with all their metadata.
     *
     * @return the job's results, {@value Result#MAIN} first
     */
    private List<Result> execute(Job job, QueryControl control) throws IOException {
        QueryRequest request = parser.parse(parameters(job));
        ResultWriter asked = engine.writerFor(request);
        ResultWriter binary2 = formats.defaultWriter();
        // a VOTable in any serialization is read back for conversions as it is, and keeps what
        // only a VOTable holds (service descriptors) straight from the query
        if (asked.isVOTable()) {
            return List.of(store(job, request, Result.MAIN, control));
        }
        String responseFormat = request.responseFormat().orElseThrow();
        QueryRequest asBinary2 = new QueryRequest(request.adql(), request.maxrec(),
                Optional.of(binary2.formatName()), request.runId(), request.uploads());
        Result source = store(job, asBinary2, ResultConversions.resultId(binary2), control);
        InputStream in = results.open(job.id(), source.id()).orElseThrow(() -> new IOException(
                "the result just stored is missing"));
        CountingOutputStream main = new CountingOutputStream(new CancellableOutput(results.create(job.id(),
                Result.MAIN), control), minus(storageLeft(job), source.size()));
        ResultConversion.write(in, asked, responseFormat, main);
        main.close();
        jobLog.append(job.id(), JobLogEvents.resultStored(main.count()));
        String contentType = formats.contentTypeFor(responseFormat).orElseGet(asked::mimeType);
        return List.of(Result.main(contentType, main.count()), source);
    }

    private Result store(Job job, QueryRequest request, String resultId, QueryControl control) throws IOException {
        String[] contentType = new String[1];
        CountingOutputStream[] stored = new CountingOutputStream[1];
        OptionalLong room = storageLeft(job);
        Instant started = clock.instant();
        jobLog.append(job.id(), JobLogEvents.queryStarted());
        WriteSummary written = engine.execute(request, uploads.partsOf(job), type -> {
            jobLog.append(job.id(), JobLogEvents.firstRows(Duration.between(started, clock.instant())));
            contentType[0] = type;
            stored[0] = new CountingOutputStream(results.create(job.id(), resultId), room);
            return stored[0];
        }, control, annotations);
        jobLog.append(job.id(), JobLogEvents.rowsWritten(written.rowsWritten(), written.overflow()));
        // closing makes the result readable; the engine leaves its sink open, as a response's is
        try (OutputStream out = stored[0]) {
            out.flush();
        }
        jobLog.append(job.id(), JobLogEvents.resultStored(stored[0].count()));
        return new Result(resultId, contentType[0], stored[0].count());
    }

    /** What the job's owner may still store: a result stops at that many bytes. */
    private OptionalLong storageLeft(Job job) {
        return quotas.usage(job.owner()).storedBytesLeft();
    }

    private static OptionalLong minus(OptionalLong room, long used) {
        return room.isPresent() ? OptionalLong.of(Math.max(0, room.getAsLong() - used)) : room;
    }

    private void deleteResults(Job job) {
        try {
            results.delete(job.id());
        } catch (IOException e) {
            log.warn("job {}: could not delete its unfinished results", job.id(), e);
        }
    }

    /** The job's parameters as a request's: what the sync endpoint would have been sent. */
    private static DaliParameters parameters(Job job) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Parameter parameter : job.parameters()) {
            values.computeIfAbsent(parameter.id(), name -> new ArrayList<>()).add(parameter.value());
        }
        return DaliParameters.of(values);
    }

    /** Stops a conversion once the run is cancelled (ABORT, a lost lease), as the query's statement is. */
    private static final class CancellableOutput extends FilterOutputStream {

        private final QueryControl control;

        CancellableOutput(OutputStream out, QueryControl control) {
            super(out);
            this.control = control;
        }

        @Override
        public void write(int b) throws IOException {
            checkRunning();
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            checkRunning();
            out.write(bytes, offset, length);
        }

        private void checkRunning() throws IOException {
            if (control.isCancelled()) {
                throw new IOException("the run was cancelled");
            }
        }
    }
}

package org.tapservice.core.async;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.query.QueryFailedException;
import org.tapservice.core.results.ConversionClaim;
import org.tapservice.core.results.ConversionLease;
import org.tapservice.core.results.ConversionState;
import org.tapservice.core.results.ConversionStates;
import org.tapservice.core.results.CountingOutputStream;
import org.tapservice.core.results.ResultConversion;
import org.tapservice.core.results.ResultStore;
import org.tapservice.core.uws.ConvertedResult;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobEvents;
import org.tapservice.core.uws.JobStore;
import org.tapservice.core.uws.PhaseChange;
import org.tapservice.core.uws.Result;
import org.tapservice.votable.FormatDescription;
import org.tapservice.votable.ResultFormats;
import org.tapservice.votable.ResultWriter;

/**
 * A finished job's result in any format the service writes: {@code results/result?RESPONSEFORMAT=csv},
 * or the result id the job document lists for it ({@code results/result-csv}). The query never
 * runs again: the copy is written from the job's stored VOTable BINARY2 result
 * ({@link ResultConversion}) and kept in the result store beside it, so it is made once.
 *
 * <p>Across instances, {@link ConversionStates} says who makes a copy: the first request
 * claims it and streams the copy to its client while storing it, renewing its lease as it
 * goes; a request for the same copy meanwhile waits (woken by the job's event when the copy is
 * stored, and looking again at least once a lease time) and then streams the stored copy. A
 * converter that dies stops renewing; once its lease has lapsed the next request converts
 * instead. A request that has waited {@link ConversionSettings#maxWait()} is answered 503.
 *
 * <p>The source is {@value Result#MAIN} when the job asked for BINARY2 (the default), else the
 * BINARY2 copy {@link JobRunner} stores beside it as {@code result-votable}: the other formats
 * cannot be read back with all their metadata (CSV has no types, FITS and Parquet lose INFOs or
 * need random access).
 */
public final class ResultConversions {

    private static final Logger log = LoggerFactory.getLogger(ResultConversions.class);

    /** Where a result reaches the client: the stream to write it to, once its type (and size, if known) are. */
    @FunctionalInterface
    public interface Delivery {
        OutputStream open(String contentType, OptionalLong size) throws IOException;
    }

    private final ResultStore results;
    private final ConversionStates states;
    private final JobStore jobs;
    private final JobEvents events;
    private final JobWaiters waiters;
    private final ResultFormats formats;
    private final ConversionSettings settings;
    private final Map<String, ResultWriter> byResultId;
    private final AtomicLong conversionsMade = new AtomicLong();

    public ResultConversions(ResultStore results, ConversionStates states, JobStore jobs, JobEvents events,
                             JobWaiters waiters, ResultFormats formats, ConversionSettings settings) {
        this.results = requireNonNull(results, "results is null");
        this.states = requireNonNull(states, "states is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.events = requireNonNull(events, "events is null");
        this.waiters = requireNonNull(waiters, "waiters is null");
        this.formats = requireNonNull(formats, "formats is null");
        this.settings = requireNonNull(settings, "settings is null");
        Map<String, ResultWriter> ids = new LinkedHashMap<>();
        for (FormatDescription format : formats.formats()) {
            ResultWriter writer = formats.forResponseFormat(format.aliases().getFirst()).orElseThrow();
            ids.put(resultId(writer), writer);
        }
        this.byResultId = ids;
    }

    /**
     * The id under which the job lists its result in this writer's format: {@code result-} and
     * the format's short name, '/' made '-' ({@code result-csv}, {@code result-votable-td}).
     */
    public static String resultId(ResultWriter writer) {
        return Result.MAIN + "-" + writer.formatName().replace('/', '-');
    }

    /**
     * Whether this request for a result is one for a conversion (rather than for a result the
     * job itself produced): {@value Result#MAIN} with a RESPONSEFORMAT, or a conversion's id.
     */
    public boolean isConversion(String resultId, Optional<String> responseFormat) {
        return resultId.equals(Result.MAIN) ? responseFormat.isPresent() : byResultId.containsKey(resultId);
    }

    /**
     * Sends the job's result in the format asked for: the job's own result when it is in that
     * format, the stored copy when there is one, else a copy made now (or by another request,
     * which this one then waits for).
     *
     * @param resultId       {@value Result#MAIN}, or a conversion's id
     * @param responseFormat the RESPONSEFORMAT (or FORMAT) given with the request
     * @throws TapException 404 when the job has no result (yet), 400 for a format the service
     *         does not write, 503 when another request's conversion outlasts the wait
     */
    public void deliver(Job job, String resultId, Optional<String> responseFormat, Delivery delivery)
            throws IOException, InterruptedException {
        ResultWriter target = target(job, resultId, responseFormat);
        String contentType = responseFormat.flatMap(formats::contentTypeFor).orElse(target.mimeType());
        Result main = main(job);
        if (writerOf(main).filter(target::equals).isPresent()) {
            stream(job, main.id(), contentType, OptionalLong.of(main.size()), delivery);
            return;
        }
        String id = resultId(target);
        Optional<Result> produced = job.result(id);
        if (produced.isPresent()) {
            stream(job, id, contentType, OptionalLong.of(produced.get().size()), delivery);
            return;
        }
        Result source = source(job, main);
        long deadline = System.nanoTime() + settings.maxWait().toNanos();
        try (JobWaiters.Waiter waiter = waiters.register(job.id())) {
            while (true) {
                switch (states.claim(job.id(), id, settings.converter(), settings.leaseTime())) {
                    case ConversionClaim.Granted(ConversionLease lease) -> {
                        convert(job, source, target, lease, contentType, delivery);
                        return;
                    }
                    case ConversionClaim.Taken(ConversionState.Stored(long size)) -> {
                        stream(job, id, contentType, OptionalLong.of(size), delivery);
                        return;
                    }
                    case ConversionClaim.Taken(ConversionState.Converting converting) -> {
                        Duration left = Duration.ofNanos(deadline - System.nanoTime());
                        if (left.isNegative() || left.isZero()) {
                            throw new TapException(ErrorKind.UNAVAILABLE, "the result of job " + job.id() + " is being "
                                    + "converted to " + target.formatName() + " (by " + converting.converter()
                                    + " since " + converting.since() + "); please ask again later");
                        }
                        // woken by the job's event when the copy is stored; looks again at least
                        // once a lease time, so a converter that died is taken over
                        waiter.awaitChange(left.compareTo(settings.leaseTime()) < 0 ? left : settings.leaseTime());
                    }
                }
            }
        }
    }

    /**
     * The conversions a job offers, for its results list and jobInfo: every format the job
     * did not produce itself, once it is COMPLETED with a result to convert from.
     */
    public List<ConvertedResult> offered(Job job) {
        Optional<Result> main = job.result(Result.MAIN);
        if (job.phase() != ExecutionPhase.COMPLETED || main.isEmpty() || convertibleSource(job, main.get()).isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        byResultId.forEach((id, writer) -> {
            if (job.result(id).isEmpty() && !writerOf(main.get()).filter(writer::equals).isPresent()) {
                ids.add(id);
            }
        });
        Map<String, ConversionState> known = states.states(job.id(), ids);
        List<ConvertedResult> offered = new ArrayList<>(ids.size());
        for (String id : ids) {
            ResultWriter writer = byResultId.get(id);
            offered.add(switch (known.get(id)) {
                case null -> new ConvertedResult(id, writer.mimeType(), writer.formatName(),
                        ConvertedResult.State.OFFERED, OptionalLong.empty(), Optional.empty(), Optional.empty());
                case ConversionState.Converting converting -> new ConvertedResult(id, writer.mimeType(),
                        writer.formatName(), ConvertedResult.State.CONVERTING, OptionalLong.empty(),
                        Optional.of(converting.converter()), Optional.of(converting.since()));
                case ConversionState.Stored stored -> new ConvertedResult(id, writer.mimeType(), writer.formatName(),
                        ConvertedResult.State.STORED, OptionalLong.of(stored.size()), Optional.empty(),
                        Optional.empty());
            });
        }
        return offered;
    }

    /** How many copies this instance has converted and stored (for metrics and tests). */
    public long conversionsMade() {
        return conversionsMade.get();
    }

    private ResultWriter target(Job job, String resultId, Optional<String> responseFormat) {
        ResultWriter byId = byResultId.get(resultId);
        if (byId == null && !resultId.equals(Result.MAIN)) {
            throw new TapException(ErrorKind.NOT_FOUND, "job " + job.id() + " has no result '" + resultId + "'");
        }
        if (responseFormat.isEmpty()) {
            return byId;
        }
        ResultWriter asked = formats.forResponseFormat(responseFormat.get()).orElseThrow(() -> TapException.invalid(
                "unsupported RESPONSEFORMAT '" + responseFormat.get() + "'; supported formats: " + supported()));
        if (byId != null && byId != asked) {
            throw TapException.invalid("result '" + resultId + "' is " + byId.formatName() + "; RESPONSEFORMAT '"
                    + responseFormat.get() + "' asks for another format: ask for result?RESPONSEFORMAT="
                    + asked.formatName() + " instead");
        }
        return asked;
    }

    private static Result main(Job job) {
        if (job.phase() != ExecutionPhase.COMPLETED) {
            throw new TapException(ErrorKind.NOT_FOUND, "job " + job.id() + " is " + job.phase() + ": "
                    + switch (job.phase()) {
                        case ERROR -> "it failed and has no result (its error says why)";
                        case ABORTED -> "it was aborted and has no result";
                        default -> "its result, in any format, can be fetched once the job is COMPLETED";
                    });
        }
        return job.result(Result.MAIN).orElseThrow(() -> new TapException(ErrorKind.NOT_FOUND, "job " + job.id()
                + " has no result '" + Result.MAIN + "'"));
    }

    private Result source(Job job, Result main) {
        return convertibleSource(job, main).orElseThrow(() -> TapException.invalid("the result of job " + job.id()
                + " was kept as " + main.mimeType() + " only, from which other formats cannot be made; run the "
                + "query again with the RESPONSEFORMAT wanted"));
    }

    /** The job's VOTable result: its main result, or the BINARY2 copy kept beside a result in another format. */
    private Optional<Result> convertibleSource(Job job, Result main) {
        ResultWriter binary2 = formats.defaultWriter();
        return writerOf(main).filter(ResultWriter::isVOTable).map(writer -> main)
                .or(() -> job.result(resultId(binary2)));
    }

    private Optional<ResultWriter> writerOf(Result result) {
        return formats.forResponseFormat(result.mimeType());
    }

    private void convert(Job job, Result source, ResultWriter target, ConversionLease lease, String contentType,
                         Delivery delivery) throws IOException {
        Thread renewal = Thread.ofVirtual().name("conversion-lease-" + lease.resultId()).start(() -> renew(lease));
        boolean stored = false;
        try (InputStream in = open(job, source.id())) {
            CountingOutputStream copy = new CountingOutputStream(results.create(job.id(), lease.resultId()));
            ClientCopy out = new ClientCopy(copy, () -> delivery.open(contentType, OptionalLong.empty()));
            try {
                ResultConversion.write(in, target, target.formatName(), out);
            } catch (IOException e) {
                // the copy is left unclosed, so never readable; its bytes go with the job
                log.warn("job {}: converting its result to {} failed: {}", job.id(), target.formatName(),
                        e.getMessage());
                if (!out.clientOpened()) {
                    throw new TapException(ErrorKind.UNAVAILABLE, "the stored result of job " + job.id()
                            + " could not be read (" + e.getMessage() + "); please try again later", e);
                }
                if (target.marksErrorsInDocument()) {
                    return; // the client's document ends with QUERY_STATUS=ERROR
                }
                throw new QueryFailedException("the stored result could not be read to the end: " + e.getMessage(), e);
            }
            copy.close();
            stored = true;
            out.endClient();
            conversionsMade.incrementAndGet();
            if (jobs.find(job.id()).isEmpty()) {
                // deleted while converting: what was stored belongs to nobody
                results.delete(job.id());
                states.release(lease);
                return;
            }
            if (states.finish(lease, copy.count(), job.destruction())) {
                // the job's event wakes the requests waiting for this copy, wherever they are;
                // it tells its phase again, which changes nothing for anyone else
                events.publish(new PhaseChange(job.id(), ExecutionPhase.COMPLETED));
            }
        } finally {
            renewal.interrupt();
            if (!stored) {
                states.release(lease);
                events.publish(new PhaseChange(job.id(), ExecutionPhase.COMPLETED));
            }
        }
    }

    private void renew(ConversionLease lease) {
        long period = Math.max(1, settings.leaseTime().toMillis() / 3);
        try {
            while (true) {
                Thread.sleep(period);
                try {
                    if (!states.renew(lease, settings.leaseTime())) {
                        log.info("job {}: the lease of conversion {} was lost; another request may convert it too",
                                lease.job(), lease.resultId());
                        return;
                    }
                } catch (RuntimeException e) {
                    // one failed renewal is not a lost lease: two more come before it lapses
                    log.warn("job {}: renewing the lease of conversion {} failed: {}", lease.job(), lease.resultId(),
                            e.toString());
                }
            }
        } catch (InterruptedException e) {
            // the conversion ended
        }
    }

    private void stream(Job job, String resultId, String contentType, OptionalLong size, Delivery delivery)
            throws IOException {
        try (InputStream in = open(job, resultId)) {
            in.transferTo(delivery.open(contentType, size));
        }
    }

    private InputStream open(Job job, String resultId) {
        try {
            return results.open(job.id(), resultId).orElseThrow(() -> new TapException(ErrorKind.NOT_FOUND,
                    "result '" + resultId + "' of job " + job.id() + " is gone (the job was deleted meanwhile)"));
        } catch (IOException e) {
            throw new TapException(ErrorKind.UNAVAILABLE, "the result store cannot be read now; try again later", e);
        }
    }

    private String supported() {
        return formats.formats().stream().map(format -> format.aliases().getFirst()).collect(Collectors.joining(", "));
    }

    /**
     * The copy's bytes go to the store and to the client that asked: the store always, the
     * client while it listens. A client that goes away does not stop the conversion, whose copy
     * other requests may be waiting for.
     */
    private static final class ClientCopy extends OutputStream {

        /** The client's stream, opened (and the response's type set) with the first byte. */
        private interface ClientStream {
            OutputStream open() throws IOException;
        }

        private final OutputStream stored;
        private final ClientStream opening;
        private OutputStream client;
        private boolean clientGone;

        ClientCopy(OutputStream stored, ClientStream opening) {
            this.stored = stored;
            this.opening = opening;
        }

        @Override
        public void write(int b) throws IOException {
            stored.write(b);
            toClient(out -> out.write(b));
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            stored.write(bytes, offset, length);
            toClient(out -> out.write(bytes, offset, length));
        }

        @Override
        public void flush() throws IOException {
            stored.flush();
            toClient(OutputStream::flush);
        }

        /** The client has had everything. */
        void endClient() {
            toClient(OutputStream::flush);
        }

        /** Whether anything has gone to the client: until then a failure can still be answered as an error. */
        boolean clientOpened() {
            return client != null;
        }

        private interface ClientWrite {
            void to(OutputStream out) throws IOException;
        }

        private void toClient(ClientWrite write) {
            if (clientGone) {
                return;
            }
            try {
                if (client == null) {
                    client = opening.open();
                }
                write.to(client);
            } catch (IOException e) {
                gone(e);
            }
        }

        private void gone(IOException e) {
            clientGone = true;
            log.debug("a client left during a conversion, which goes on for the stored copy: {}", e.getMessage());
        }
    }
}

package org.tapservice.api.web.async;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tapservice.api.web.MultipartParts;
import org.tapservice.api.web.RequestParameters;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.async.JobService;
import org.tapservice.core.async.JobUploads;
import org.tapservice.core.async.ResultConversions;
import org.tapservice.core.tap.QueryRequestParser;
import org.tapservice.core.dali.DaliParameters;
import org.tapservice.core.quota.QuotaPolicy;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.UwsDocuments;
import org.tapservice.votable.VOTableErrorDocument;

/**
 * One job and its resources (UWS 1.1 section 2.2.1: /{jobs}/{job-id} and below). Reads answer
 * with the job as stored now; changes answer 303 to the job (to the job list for a deletion).
 */
@RestController
public class JobController {

    private static final String JOB = JobsUrl.PATH + "/{id}";

    private final JobService jobs;
    private final ResultConversions conversions;
    private final UwsDocuments documents;
    private final QuotaPolicy quotas;

    public JobController(JobService jobs, ResultConversions conversions, UwsDocuments documents,
                         QuotaPolicy quotas) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.conversions = requireNonNull(conversions, "conversions is null");
        this.documents = requireNonNull(documents, "documents is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    /** The job document; with WAIT, once the job leaves its phase (or PHASE) or the wait ends. */
    @GetMapping(JOB)
    public void job(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        Caller caller = Caller.of(request);
        DaliParameters parameters = RequestParameters.of(request);
        Job job;
        if (parameters.contains("WAIT")) {
            Optional<ExecutionPhase> phase = parameters.get("PHASE").map(JobController::phase);
            job = jobs.await(jobId(id), caller.owner(), phase, waitTime(parameters.get("WAIT").orElseThrow()));
        } else {
            job = access(id, request);
        }
        response.setContentType(UwsResponses.XML);
        UwsResponses.extensionLinks(response, JobsUrl.job(job.id()));
        documents.writeJob(job, JobsUrl.list(), conversions.offered(job), response.getOutputStream());
    }

    /** ACTION=DELETE, or a PHASE change, posted to the job itself. */
    @PostMapping(JOB)
    public void post(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) {
        Job job = access(id, request);
        DaliParameters parameters = RequestParameters.of(request);
        Optional<String> action = parameters.get("ACTION");
        if (action.isPresent()) {
            if (!action.get().strip().equalsIgnoreCase("DELETE")) {
                throw TapException.invalid("ACTION may only be DELETE; got '" + action.get() + "'");
            }
            jobs.delete(job.id());
            UwsResponses.seeOther(response, JobsUrl.list());
            return;
        }
        if (parameters.contains("PHASE")) {
            changePhase(job, parameters, Caller.of(request));
            UwsResponses.seeOther(response, JobsUrl.job(job.id()));
            return;
        }
        throw TapException.invalid("POST to a job takes ACTION=DELETE or PHASE=RUN|ABORT; "
                + "job parameters are posted to " + JobsUrl.job(job.id()) + "/parameters");
    }

    @DeleteMapping(JOB)
    public void delete(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) {
        jobs.delete(access(id, request).id());
        UwsResponses.seeOther(response, JobsUrl.list());
    }

    @GetMapping(JOB + "/phase")
    public void phase(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        UwsResponses.text(response, access(id, request).phase().value());
    }

    @PostMapping(JOB + "/phase")
    public void setPhase(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) {
        Job job = access(id, request);
        changePhase(job, RequestParameters.of(request), Caller.of(request));
        UwsResponses.seeOther(response, JobsUrl.job(job.id()));
    }

    @GetMapping(JOB + "/executionduration")
    public void executionDuration(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        UwsResponses.text(response, Long.toString(access(id, request).executionDuration().toSeconds()));
    }

    @PostMapping(JOB + "/executionduration")
    public void setExecutionDuration(@PathVariable String id, HttpServletRequest request,
                                     HttpServletResponse response) {
        Job job = access(id, request);
        jobs.setExecutionDuration(job.id(), required(RequestParameters.of(request), "EXECUTIONDURATION"));
        UwsResponses.seeOther(response, JobsUrl.job(job.id()));
    }

    @GetMapping(JOB + "/destruction")
    public void destruction(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        UwsResponses.text(response, UwsDocuments.timestamp(access(id, request).destruction()));
    }

    @PostMapping(JOB + "/destruction")
    public void setDestruction(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) {
        Job job = access(id, request);
        jobs.setDestruction(job.id(), required(RequestParameters.of(request), "DESTRUCTION"));
        UwsResponses.seeOther(response, JobsUrl.job(job.id()));
    }

    /** UWS 2.2.1: the quote is empty when the service cannot say when the job will end. */
    @GetMapping(JOB + "/quote")
    public void quote(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        UwsResponses.text(response, access(id, request).quote().map(UwsDocuments::timestamp).orElse(""));
    }

    @GetMapping(JOB + "/owner")
    public void owner(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        UwsResponses.text(response, access(id, request).owner().orElse(""));
    }

    @GetMapping(JOB + "/runId")
    public void runId(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        UwsResponses.text(response, access(id, request).runId().orElse(""));
    }

    /** TAP 1.1 section 4.3: a job's error is a VOTable error document. */
    @GetMapping(JOB + "/error")
    public void error(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Job job = access(id, request);
        String message = job.error().orElseThrow(() -> new TapException(ErrorKind.NOT_FOUND, "job " + job.id()
                + " has no error (it is " + job.phase() + ")")).message();
        response.setContentType(VOTableErrorDocument.MIME_TYPE);
        VOTableErrorDocument.write(message, response.getOutputStream());
    }

    @GetMapping(JOB + "/parameters")
    public void parameters(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setContentType(UwsResponses.XML);
        documents.writeParameters(access(id, request), response.getOutputStream());
    }

    @PostMapping(JOB + "/parameters")
    public void setParameters(@PathVariable String id, HttpServletRequest request, HttpServletResponse response) {
        Job job = access(id, request);
        jobs.setParameters(job.id(), RequestParameters.inOrder(request), MultipartParts.of(request), JobsUrl.list());
        UwsResponses.seeOther(response, JobsUrl.job(job.id()));
    }

    /** A table uploaded with the job, as stored for its runs: the URL its parameter by reference gives. */
    @GetMapping(JOB + "/uploads/{file}")
    public void upload(@PathVariable String id, @PathVariable String file, HttpServletRequest request,
                       HttpServletResponse response) throws IOException {
        JobUploads.StoredUpload upload = jobs.openUpload(access(id, request), file);
        try (InputStream in = upload.content()) {
            response.setContentType(upload.mediaType());
            in.transferTo(response.getOutputStream());
        }
    }

    @GetMapping(JOB + "/results")
    public void results(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Job job = access(id, request);
        response.setContentType(UwsResponses.XML);
        documents.writeResults(job, JobsUrl.list(), conversions.offered(job), response.getOutputStream());
    }

    /**
     * A result, streamed from the result store with the type it was written in; with
     * RESPONSEFORMAT (or FORMAT), or by the id the results list gives a format
     * ({@code result-csv}), the result in that format, converted from the stored copy.
     */
    @GetMapping(JOB + "/results/{resultId}")
    public void result(@PathVariable String id, @PathVariable String resultId, HttpServletRequest request,
                       HttpServletResponse response) throws IOException, InterruptedException {
        Job job = access(id, request);
        Optional<String> format = QueryRequestParser.responseFormat(RequestParameters.of(request));
        if (conversions.isConversion(resultId, format)) {
            // a failure after the first bytes is a QueryFailedException, which aborts the transfer
            conversions.deliver(job, resultId, format, (contentType, size) -> {
                response.setContentType(contentType);
                size.ifPresent(response::setContentLengthLong);
                return response.getOutputStream();
            });
            return;
        }
        try (InputStream in = jobs.openResult(job, resultId)) {
            var result = job.result(resultId).orElseThrow();
            response.setContentType(result.mimeType());
            response.setContentLengthLong(result.size());
            in.transferTo(response.getOutputStream());
        }
    }

    /** PHASE=RUN beyond the caller's quota is refused (429) and the job stays PENDING. */
    private void changePhase(Job job, DaliParameters parameters, Caller caller) {
        String phase = required(parameters, "PHASE").strip().toUpperCase(Locale.ROOT);
        switch (phase) {
            case "RUN" -> jobs.run(job.id(), caller.quota(quotas));
            case "ABORT" -> jobs.abort(job.id());
            default -> throw TapException.invalid("PHASE may be set to RUN or ABORT; got '" + phase + "'");
        }
    }

    private Job access(String id, HttpServletRequest request) {
        return jobs.get(jobId(id), Caller.of(request).owner());
    }

    static JobId jobId(String text) {
        try {
            return JobId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TapException(ErrorKind.NOT_FOUND, "no job " + text + ": " + e.getMessage());
        }
    }

    private static String required(DaliParameters parameters, String name) {
        return parameters.get(name).orElseThrow(() -> TapException.invalid("missing parameter: " + name));
    }

    private static ExecutionPhase phase(String text) {
        try {
            return ExecutionPhase.parse(text);
        } catch (IllegalArgumentException e) {
            throw TapException.invalid("PHASE: " + e.getMessage());
        }
    }

    /** WAIT in seconds; -1 (or any negative) waits as long as the service allows. */
    private static Duration waitTime(String text) {
        try {
            return Duration.ofSeconds(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            throw TapException.invalid("WAIT must be a whole number of seconds (-1: as long as allowed); got '"
                    + text + "'");
        }
    }
}

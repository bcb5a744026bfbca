package org.tapservice.api.web.async;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.tapservice.core.async.JobEventStreams;
import org.tapservice.core.async.JobService;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobLog;
import org.tapservice.core.uws.UwsDocuments;

/**
 * What happened to jobs, beyond UWS (extensions that only add resources, so UWS clients are
 * unaffected): a job's log as text ({@code /async/{id}/log}), a job's phase changes as
 * Server-Sent Events ({@code /async/{id}/events}), and those of all the caller's jobs
 * ({@code /async/events}). Access is the job's own: another owner's job answers 404.
 */
@RestController
public class JobHistoryController {

    private static final Logger log = LoggerFactory.getLogger(JobHistoryController.class);

    private final JobService jobs;
    private final JobLog jobLog;
    private final JobEventStreams streams;

    public JobHistoryController(JobService jobs, JobLog jobLog, JobEventStreams streams) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.jobLog = requireNonNull(jobLog, "jobLog is null");
        this.streams = requireNonNull(streams, "streams is null");
    }

    /** The job's log, one line per event, oldest first: time (UTC), instance, event. */
    @GetMapping(JobsUrl.PATH + "/{id}/" + UwsDocuments.LOG)
    public void log(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Job job = jobs.get(JobController.jobId(id), Caller.of(request).owner());
        UwsResponses.text(response, jobLog.read(job.id()).stream().map(line -> line.line() + "\n")
                .collect(Collectors.joining()));
    }

    /**
     * The job's phase, then each change, until it ends. A client that sends the final phase
     * it was sent as Last-Event-ID is answered 204, which tells a browser's EventSource to stop
     * reconnecting.
     */
    @GetMapping(JobsUrl.PATH + "/{id}/" + UwsDocuments.EVENTS)
    public void jobEvents(@PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        Optional<String> lastEventId = Optional.ofNullable(request.getHeader("Last-Event-ID")).map(String::strip);
        try {
            JobEventStreams.End end = streams.followJob(JobController.jobId(id), Caller.of(request).owner(),
                    lastEventId, new ServerSentEvents(response));
            if (end == JobEventStreams.End.UP_TO_DATE) {
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            }
        } catch (IOException e) {
            clientLeft(request, e);
        }
    }

    /** The phase of each of the caller's unfinished jobs, then every change of any of their jobs. */
    @GetMapping(JobsUrl.PATH + "/" + UwsDocuments.EVENTS)
    public void ownerEvents(HttpServletRequest request, HttpServletResponse response)
            throws IOException, InterruptedException {
        try {
            streams.followOwner(Caller.of(request).owner(), new ServerSentEvents(response));
        } catch (IOException e) {
            clientLeft(request, e);
        }
    }

    /** A stream ends when its client goes away: nothing is wrong, and its waiter is gone already. */
    private static void clientLeft(HttpServletRequest request, IOException e) {
        log.debug("event stream {} closed by its client: {}", request.getRequestURI(), e.toString());
    }
}

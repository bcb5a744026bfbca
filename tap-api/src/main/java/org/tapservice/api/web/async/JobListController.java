package org.tapservice.api.web.async;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tapservice.api.web.MultipartParts;
import org.tapservice.api.web.RequestParameters;
import org.tapservice.core.async.JobService;
import org.tapservice.core.quota.QuotaPolicy;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobFilter;
import org.tapservice.core.uws.JobPage;
import org.tapservice.core.uws.OwnerFilter;
import org.tapservice.core.uws.UwsDocuments;

/** The UWS job list of TAP's async resource (UWS 1.1 sections 2.2.2.1 and 2.2.3.1). */
@RestController
public class JobListController {

    private final JobService jobs;
    private final UwsDocuments documents;
    private final QuotaPolicy quotas;

    public JobListController(JobService jobs, UwsDocuments documents, QuotaPolicy quotas) {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.documents = requireNonNull(documents, "documents is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    /** The caller's jobs, filtered by PHASE, AFTER and LAST. */
    @GetMapping(JobsUrl.PATH)
    public void list(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = Caller.of(request);
        Optional<OwnerFilter> owner = caller.listFilter();
        // parsed even when nothing will be listed, so a malformed filter is always reported
        JobFilter filter = JobFilter.parse(RequestParameters.of(request), owner.orElse(OwnerFilter.anonymous()));
        JobPage page = owner.isPresent() ? jobs.list(filter) : new JobPage(List.of());
        response.setContentType(UwsResponses.XML);
        documents.writeJobList(page, JobsUrl.list(), response.getOutputStream());
    }

    /**
     * Creates a job from the parameters (and upload parts) posted; 303 to it, as UWS asks. With
     * PHASE=RUN beyond the caller's quota no job is created (429).
     */
    @PostMapping(JobsUrl.PATH)
    public void create(HttpServletRequest request, HttpServletResponse response) {
        Caller caller = Caller.of(request);
        Job job = jobs.create(caller.owner(), caller.quota(quotas), RequestParameters.inOrder(request),
                MultipartParts.of(request), JobsUrl.list());
        UwsResponses.seeOther(response, JobsUrl.job(job.id()));
    }
}

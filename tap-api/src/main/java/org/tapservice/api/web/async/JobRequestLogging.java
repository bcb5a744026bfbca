package org.tapservice.api.web.async;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobLoggingContext;

/**
 * Puts the job a request to {@code /async/{job-id}/...} is about, the caller (its owner, if the
 * request reaches the job at all) and this instance into the logging context for as long as the
 * request runs, so that each log line it causes can be found by job ({@link JobLoggingContext}).
 * Runs after authentication (the default filter order comes after Spring Security's), so
 * the caller is known. Other requests are passed on untouched.
 */
public final class JobRequestLogging extends OncePerRequestFilter {

    private static final String JOBS = JobsUrl.PATH + "/";

    private final String instance;

    /** @param instance this instance's name, as its job log lines are signed */
    public JobRequestLogging(String instance) {
        this.instance = requireNonNull(instance, "instance is null");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<JobId> job = jobOf(request);
        if (job.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        try (JobLoggingContext context = JobLoggingContext.of(job.get(), Caller.of(request).owner(), Optional.empty(),
                instance)) {
            chain.doFilter(request, response);
        }
    }

    /** The job the path names, if it names a well-formed one (the job list and its event stream name none). */
    static Optional<JobId> jobOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(JOBS)) {
            return Optional.empty();
        }
        String rest = path.substring(JOBS.length());
        int end = rest.indexOf('/');
        String segment = end < 0 ? rest : rest.substring(0, end);
        try {
            return Optional.of(new JobId(segment));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}

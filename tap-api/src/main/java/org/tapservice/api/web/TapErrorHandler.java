package org.tapservice.api.web;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;
import org.tapservice.api.metrics.JobEventMetrics;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.query.QueryFailedException;
import org.tapservice.core.quota.QuotaException;
import org.tapservice.core.upload.UploadLimits;

/**
 * Every failure becomes a DALI error document: a VOTable with QUERY_STATUS=ERROR and a message
 * a person can act on, under the HTTP status DALI prescribes. Unexpected exceptions are logged
 * with their stack trace here and reach the client only as a short reference.
 */
@RestControllerAdvice
public class TapErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(TapErrorHandler.class);
    private static final String RETRY_AFTER_SECONDS = "10";

    private final UploadLimits uploadLimits;
    private final JobEventMetrics metrics;

    /** @param metrics where every request refused by a quota is counted, here where all of them are answered */
    public TapErrorHandler(UploadLimits uploadLimits, JobEventMetrics metrics) {
        this.uploadLimits = requireNonNull(uploadLimits, "uploadLimits is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @ExceptionHandler(TapException.class)
    public void tapException(TapException e, HttpServletResponse response) throws IOException {
        if (e.kind() == ErrorKind.SERVICE_FAILURE) {
            log.error("request failed: {}", e.getMessage(), e);
        } else if (e.kind() == ErrorKind.UNAVAILABLE) {
            // an outage fails every request alike: one line each, not a stack trace each
            log.warn("request failed: {} ({})", e.getMessage(), e.getCause() == null ? "" : e.getCause().toString());
        }
        writeError(response, e.kind().httpStatus(), e.getMessage());
    }

    /**
     * A request beyond the caller's quota: 429 with the error document, and Retry-After (whole
     * seconds, rounded up) when the service knows when it may succeed.
     */
    @ExceptionHandler(QuotaException.class)
    public void overQuota(QuotaException e, HttpServletResponse response) throws IOException {
        log.debug("refused by quota: {}", e.getMessage());
        metrics.refused(e.exceeded().kind());
        writeError(response, e.kind().httpStatus(), e.getMessage(), e.retryAfter().map(wait ->
                Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000))));
    }

    /**
     * Reaches here only for formats that cannot mark a failure (CSV, TSV): the rows sent so
     * far would look like a complete result, so the exception is let through to the container,
     * which aborts the transfer of a committed response.
     */
    @ExceptionHandler(QueryFailedException.class)
    public void failedWhileStreaming(QueryFailedException e) throws QueryFailedException {
        throw e;
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public void notFound(NoResourceFoundException e, HttpServletResponse response) throws IOException {
        writeError(response, HttpServletResponse.SC_NOT_FOUND, "no such resource: /" + e.getResourcePath());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public void methodNotAllowed(HttpRequestMethodNotSupportedException e, HttpServletResponse response)
            throws IOException {
        writeError(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, e.getMessage());
    }

    /**
     * The container refused a multipart body over a limit before reading it: the upload limit,
     * or its own smaller one for form fields that are not files. Its message says which.
     */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public void tooLarge(MaxUploadSizeExceededException e, HttpServletResponse response) throws IOException {
        writeError(response, HttpServletResponse.SC_BAD_REQUEST, "the request is larger than this service accepts ("
                + e.getMostSpecificCause().getMessage() + "); the tables uploaded with one request may have at most "
                + uploadLimits.maxBytes() + " bytes together, sent as file parts");
    }

    @ExceptionHandler({MultipartException.class, HttpMediaTypeNotSupportedException.class})
    public void badBody(Exception e, HttpServletResponse response) throws IOException {
        writeError(response, HttpServletResponse.SC_BAD_REQUEST, "the request body cannot be read: " + e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    public void unexpected(Exception e, HttpServletResponse response) throws IOException {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            // A user who stops a download is no failure of the service.
            log.debug("client went away: {}", e.getMessage());
            return;
        }
        String reference = Long.toHexString(System.nanoTime());
        log.error("unexpected failure, reference {}", reference, e);
        writeError(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                "internal error in the service (reference " + reference + "); please report it to the operators");
    }

    private static void writeError(HttpServletResponse response, int status, String message) throws IOException {
        writeError(response, status, message, Optional.empty());
    }

    private static void writeError(HttpServletResponse response, int status, String message,
                                   Optional<String> retryAfter) throws IOException {
        if (response.isCommitted()) {
            log.warn("cannot report an error to the client, the response is under way: {}", message);
            return;
        }
        response.reset();
        // RFC 9110 10.2.3: when to come back; an outage of Redis or PostgreSQL (a failover, a
        // restart) is usually over by then, a quota's refusal says when its window reopens
        retryAfter.or(() -> status == HttpServletResponse.SC_SERVICE_UNAVAILABLE
                ? Optional.of(RETRY_AFTER_SECONDS) : Optional.empty())
                .ifPresent(seconds -> response.setHeader("Retry-After", seconds));
        ErrorResponses.write(response, status, message);
    }
}

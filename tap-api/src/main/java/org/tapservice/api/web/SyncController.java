package org.tapservice.api.web;

import static java.util.Objects.requireNonNull;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.tapservice.api.web.async.Caller;
import org.tapservice.core.query.QueryControl;
import org.tapservice.core.query.QueryEngine;
import org.tapservice.core.query.QueryFailedException;
import org.tapservice.core.quota.QuotaException;
import org.tapservice.core.quota.QuotaLedger;
import org.tapservice.core.quota.QuotaPolicy;
import org.tapservice.core.tap.QueryRequest;
import org.tapservice.core.tap.QueryRequestParser;
import org.tapservice.votable.WriteSummary;

/**
 * TAP 1.1 synchronous queries: the result is the response body, streamed as it is read. Tables
 * the query uploads come as parts of a multipart request or by URL.
 */
@RestController
public class SyncController {

    private static final Logger log = LoggerFactory.getLogger(SyncController.class);

    private final QueryRequestParser parser;
    private final QueryEngine engine;
    private final QuotaLedger quotaLedger;
    private final QuotaPolicy quotas;

    public SyncController(QueryRequestParser parser, QueryEngine engine, QuotaLedger quotaLedger, QuotaPolicy quotas) {
        this.parser = requireNonNull(parser, "parser is null");
        this.engine = requireNonNull(engine, "engine is null");
        this.quotaLedger = requireNonNull(quotaLedger, "quotaLedger is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    /** A query beyond the caller's sync rate is refused (429, Retry-After) before any work. */
    @RequestMapping(path = "/sync", method = {RequestMethod.GET, RequestMethod.POST})
    public void sync(HttpServletRequest request, HttpServletResponse response) throws IOException {
        admit(Caller.of(request));
        QueryRequest query = parser.parse(RequestParameters.of(request));
        try {
            WriteSummary summary = engine.execute(query, MultipartParts.of(request), ResponseSink.of(response),
                    QueryControl.sessionDefaults(), LinksController.descriptorsForThisRequest());
            log.debug("sync query wrote {} rows (overflow: {})", summary.rowsWritten(), summary.overflow());
        } catch (QueryFailedException e) {
            log.warn("sync query failed while streaming: {}", e.getMessage());
            if (!e.isMarkedInDocument()) {
                // Rethrown after the response is committed, so the container aborts the
                // transfer: a truncated CSV must not look like a complete one.
                throw e;
            }
        }
    }

    /**
     * Takes the request from the caller's sync rate. Sync queries need nothing else from the
     * state store, so an unreachable one lets them through (logged) rather than failing them.
     */
    private void admit(Caller caller) {
        try {
            quotaLedger.admitSyncRequest(caller.owner(), caller.quota(quotas));
        } catch (QuotaException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("sync rate not checked, the state store failed: {}", e.toString());
        }
    }
}

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
import org.tapservice.core.query.QueryControl;
import org.tapservice.core.query.QueryEngine;
import org.tapservice.core.query.QueryFailedException;
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

    public SyncController(QueryRequestParser parser, QueryEngine engine) {
        this.parser = requireNonNull(parser, "parser is null");
        this.engine = requireNonNull(engine, "engine is null");
    }

    @RequestMapping(path = "/sync", method = {RequestMethod.GET, RequestMethod.POST})
    public void sync(HttpServletRequest request, HttpServletResponse response) throws IOException {
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
}

package org.tapservice.api.web;

import jakarta.servlet.http.HttpServletResponse;

import org.tapservice.core.query.ResultSink;

/** A sync response as the sink of a result: status 200 and the writer's content type, set when the rows start. */
final class ResponseSink {

    private ResponseSink() {
    }

    static ResultSink of(HttpServletResponse response) {
        return contentType -> {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(contentType);
            return response.getOutputStream();
        };
    }
}

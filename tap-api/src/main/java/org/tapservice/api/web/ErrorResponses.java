package org.tapservice.api.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.tapservice.votable.VOTableErrorDocument;

/** A DALI error document as the whole answer: what every refusal of the service looks like. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    /** Writes the error document with this status; headers already set (a challenge) stay. */
    public static void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(VOTableErrorDocument.MIME_TYPE);
        VOTableErrorDocument.write(message, response.getOutputStream());
    }
}

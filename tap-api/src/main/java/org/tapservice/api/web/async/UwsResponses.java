package org.tapservice.api.web.async;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.tapservice.core.uws.UwsDocuments;

/** The shapes of UWS answers: XML documents, plain-text values and 303 redirects. */
final class UwsResponses {

    static final String XML = "text/xml;charset=UTF-8";
    static final String TEXT = "text/plain;charset=UTF-8";

    private UwsResponses() {
    }

    /** UWS answers every change with 303 See Other to the resource to look at next. */
    static void seeOther(HttpServletResponse response, String location) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", location);
    }

    /**
     * Links from a job to this service's extensions of it (RFC 8288 Link header), its log and
     * its event stream: outside the job document, which UWS clients parse and some warn about
     * any element they do not know.
     */
    static void extensionLinks(HttpServletResponse response, String jobUrl) {
        response.addHeader("Link", "<" + jobUrl + "/" + UwsDocuments.LOG + ">; rel=\"" + UwsDocuments.LOG
                + "\"; type=\"text/plain\"");
        response.addHeader("Link", "<" + jobUrl + "/" + UwsDocuments.EVENTS + ">; rel=\"" + UwsDocuments.EVENTS
                + "\"; type=\"text/event-stream\"");
    }

    /** A single value resource (phase, quote, executionduration...) as UWS 2.2.1 serves it. */
    static void text(HttpServletResponse response, String value) throws IOException {
        response.setContentType(TEXT);
        response.getOutputStream().write(value.getBytes(StandardCharsets.UTF_8));
    }
}

package org.tapservice.votable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/** The DALI error document: a VOTable whose results RESOURCE holds only QUERY_STATUS ERROR and the message. */
public final class VOTableErrorDocument {

    /** The Content-Type to send it with. */
    public static final String MIME_TYPE = "application/x-votable+xml";

    private VOTableErrorDocument() {
    }

    /**
     * The error document of Simple Cone Search 1.1 section 2 as well as DALI's: an INFO named
     * Error directly under VOTABLE, where cone search clients look first, then the DALI
     * results RESOURCE with QUERY_STATUS=ERROR; {@code out} is flushed, not closed.
     */
    public static void writeConeSearch(String message, OutputStream out) throws IOException {
        String text = message == null ? "" : message;
        BufferedWriter xml = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        VOTableEnvelope.openDocument(xml);
        VOTableEnvelope.info(xml, new Info("Error", text));
        xml.write("<RESOURCE type=\"results\">\n");
        VOTableEnvelope.statusError(xml, text);
        VOTableEnvelope.close(xml);
        xml.flush();
    }

    /** Writes the document; {@code out} is flushed, not closed. */
    public static void write(String message, OutputStream out) throws IOException {
        BufferedWriter xml = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        VOTableEnvelope.open(xml);
        VOTableEnvelope.statusError(xml, message == null ? "" : message);
        VOTableEnvelope.close(xml);
        xml.flush();
    }
}

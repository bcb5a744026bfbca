package org.tapservice.votable;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a result table in one output format. Implementations are immutable and thread-safe. */
public interface ResultWriter {

    /** How a capabilities document advertises this format: its MIME type, short names and ivo-id. */
    FormatDescription description();

    /** The short name, e.g. {@code "votable"}, {@code "votable/td"}, {@code "csv"}. */
    default String formatName() {
        return description().aliases().getFirst();
    }

    /**
     * Whether the output is a VOTable (any serialization): the one kind that keeps every piece of
     * the result's metadata, and so can be read back ({@link VOTableResultReader}).
     */
    default boolean isVOTable() {
        return mimeType().startsWith(VOTableErrorDocument.MIME_TYPE);
    }

    /** The full media type, with parameters, to send as Content-Type. */
    default String mimeType() {
        return description().mime();
    }

    /**
     * Streams the table to {@code out}: rows are never all held in memory. Everything written
     * is handed to {@code out}, which is not closed and need not be flushed: the caller flushes
     * or closes it (a servlet response completes by itself, and can then state its length).
     * Reads the cursor at most once and does not close it.
     *
     * <p>If the cursor fails, the output is ended as cleanly as the format allows (a VOTable
     * gets a trailing QUERY_STATUS ERROR INFO and stays well-formed) and the cursor's exception
     * is rethrown, so the caller can log it and, for formats with no error marker such as CSV,
     * abort the transfer so that the client sees it was cut short.
     */
    WriteSummary write(ResultTable table, OutputStream out) throws IOException;

    /**
     * Whether a failure while streaming is marked inside the document itself (VOTable's
     * trailing QUERY_STATUS ERROR), so the transfer can end normally; formats without such a
     * marker must have their transfer aborted instead.
     */
    default boolean marksErrorsInDocument() {
        return false;
    }
}

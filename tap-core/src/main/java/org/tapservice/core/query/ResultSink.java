package org.tapservice.core.query;

import java.io.IOException;
import java.io.OutputStream;

import org.tapservice.votable.ResultWriter;

/**
 * Where a query's result goes: an HTTP response for sync queries, the result store for async
 * jobs. It is opened only once the query runs, so a failure before then can still be answered
 * with an error document instead of a half-written result.
 */
@FunctionalInterface
public interface ResultSink {

    /** The stream to write to; the sink learns the format (MIME type) from the writer. */
    OutputStream open(ResultWriter writer) throws IOException;
}

package org.tapservice.core.query;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a query's result goes: an HTTP response for sync queries, the result store for async
 * jobs. It is opened only once the query runs, so a failure before then can still be answered
 * with an error document instead of a half-written result.
 */
@FunctionalInterface
public interface ResultSink {

    /** The stream to write the result to, in the format the content type names. */
    OutputStream open(String contentType) throws IOException;
}

package org.tapservice.core.results;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

import org.tapservice.core.uws.JobId;

/**
 * Where async jobs' results are kept, readable from every instance. Results are streamed in
 * and out and never held whole in memory.
 */
public interface ResultStore {

    /**
     * Opens a result for writing. It becomes readable when the stream is closed; a result that
     * was being written when the writer failed is removed with {@link #delete}. Writing a
     * result id again replaces the earlier result.
     */
    OutputStream create(JobId job, String resultId) throws IOException;

    /** The result's bytes, if it was written and not deleted. */
    Optional<InputStream> open(JobId job, String resultId) throws IOException;

    /** Deletes every result of the job; deleting what does not exist is no error. */
    void delete(JobId job) throws IOException;
}

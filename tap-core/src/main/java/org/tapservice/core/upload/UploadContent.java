package org.tapservice.core.upload;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The bytes of one uploaded table, wherever they wait: a part the servlet container spooled to
 * disk, a downloaded file, an async job's stored copy. They can be read more than once (STIL
 * reads a CSV file twice: once to find the column types, once for the rows), and are never
 * held whole in memory.
 */
public interface UploadContent {

    /** The media type the bytes were sent with, if any. */
    Optional<String> contentType();

    /** The length in bytes, when it is known before reading. */
    OptionalLong size();

    /** A new stream over all the bytes, from the first. */
    InputStream open() throws IOException;
}

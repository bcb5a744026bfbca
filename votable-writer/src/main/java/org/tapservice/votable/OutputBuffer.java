package org.tapservice.votable;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The one fixed-size buffer a writer puts between the formatters and the caller's stream. */
final class OutputBuffer {

    /** Large enough that a servlet stream sees few, large writes; small enough to not matter per request. */
    static final int SIZE = 64 * 1024;

    private OutputBuffer() {
    }

    /**
     * A buffer over {@code out}; {@link #drain} or flush it when done, never close it (that
     * would close {@code out}).
     */
    static BufferedOutputStream over(OutputStream out) {
        return new Drainable(out);
    }

    /**
     * Hands what the buffer holds to its stream without flushing that stream. A servlet response
     * that is never flushed is sent whole when the request completes, with its Content-Length:
     * for a small result one write to the socket instead of three (the bytes, the flush, the
     * chunked encoding's end).
     */
    static void drain(BufferedOutputStream buffer) throws IOException {
        ((Drainable) buffer).drain();
    }

    private static final class Drainable extends BufferedOutputStream {

        Drainable(OutputStream out) {
            super(out, SIZE);
        }

        void drain() throws IOException {
            if (count > 0) {
                out.write(buf, 0, count);
                count = 0;
            }
        }
    }
}

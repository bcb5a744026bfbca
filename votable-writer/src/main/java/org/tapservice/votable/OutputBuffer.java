package org.tapservice.votable;

import java.io.BufferedOutputStream;
import java.io.OutputStream;

/** The one fixed-size buffer a writer puts between the formatters and the caller's stream. */
final class OutputBuffer {

    /** Large enough that a servlet stream sees few, large writes; small enough to not matter per request. */
    static final int SIZE = 64 * 1024;

    private OutputBuffer() {
    }

    /** A buffer over {@code out}; flush it when done, never close it (that would close {@code out}). */
    static BufferedOutputStream over(OutputStream out) {
        return new BufferedOutputStream(out, SIZE);
    }
}

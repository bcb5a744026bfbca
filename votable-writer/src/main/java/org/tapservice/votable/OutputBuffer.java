package org.tapservice.votable;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The one buffer a writer puts between the formatters and the caller's stream. It starts small
 * and doubles as a result proves large: a small result (a cone search, thousands a second) costs
 * no 64 KiB allocation, while a large one reaches the servlet stream in few, large writes.
 * Flush it or {@link #drain} it when done; never close it (that would close the caller's stream).
 */
final class OutputBuffer extends OutputStream {

    /** The most the buffer grows to. */
    static final int SIZE = 64 * 1024;
    private static final int INITIAL_SIZE = 4 * 1024;

    private final OutputStream out;
    private byte[] buffer = new byte[INITIAL_SIZE];
    private int count;

    private OutputBuffer(OutputStream out) {
        this.out = out;
    }

    static OutputBuffer over(OutputStream out) {
        return new OutputBuffer(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buffer.length) {
            makeRoom(1);
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > buffer.length - count) {
            makeRoom(length);
            if (length > buffer.length) {
                out.write(bytes, offset, length); // as large as the buffer could be: no copy
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    /** Grows the buffer towards {@link #SIZE}, or empties it into the stream once that big. */
    private void makeRoom(int length) throws IOException {
        if (buffer.length < SIZE) {
            int size = buffer.length;
            while (size < SIZE && size - count < length) {
                size *= 2;
            }
            buffer = Arrays.copyOf(buffer, size);
        }
        if (buffer.length - count < length) {
            drain();
        }
    }

    /**
     * Hands what the buffer holds to its stream without flushing that stream. A servlet response
     * that is never flushed is sent whole when the request completes, with its Content-Length:
     * for a small result one write to the socket instead of three (the bytes, the flush, the
     * chunked encoding's end).
     */
    void drain() throws IOException {
        if (count > 0) {
            out.write(buffer, 0, count);
            count = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }
}

package org.tapservice.state.results;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.OptionalLong;

import org.tapservice.core.results.ResultKey;

/**
 * A result being written: bytes gather in one chunk's buffer, each full chunk is stored in its
 * own statement when the next byte arrives, and {@link #close} stores the rest and publishes
 * the result. A chunk is stored only once a byte beyond it is written, so a result that fits
 * in one chunk reaches the database in the one transaction of its close.
 */
final class ChunkedResultOutput extends OutputStream {

    private final ResultTables tables;
    private final ResultKey key;
    private final byte[] chunk;
    private int filled;
    private int storedChunks;
    private OptionalLong generation = OptionalLong.empty();
    private long size;
    private boolean failed;
    private boolean closed;

    ChunkedResultOutput(ResultTables tables, ResultKey key, int chunkSize) {
        this.tables = tables;
        this.key = key;
        this.chunk = new byte[chunkSize];
    }

    @Override
    public void write(int b) throws IOException {
        ensureWritable();
        if (filled == chunk.length) {
            storeChunk();
        }
        chunk[filled++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ensureWritable();
        int from = offset;
        int left = length;
        while (left > 0) {
            if (filled == chunk.length) {
                storeChunk();
            }
            int n = Math.min(left, chunk.length - filled);
            System.arraycopy(bytes, from, chunk, filled, n);
            filled += n;
            from += n;
            left -= n;
            size += n;
        }
    }

    /**
     * Stores nothing: a chunk shorter than the rest would cost a statement of its own, and
     * nothing written is readable before the close anyway.
     */
    @Override
    public void flush() {
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (failed) {
            throw new IOException(key + " was not stored: one of its chunks could not be");
        }
        if (!tables.publish(key, generation, storedChunks, chunk, filled, size)) {
            throw new IOException(key + " was not stored: its job was deleted while it was written");
        }
    }

    private void storeChunk() throws IOException {
        try {
            generation = OptionalLong.of(tables.insertChunk(key.job(), generation, storedChunks, chunk, filled));
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
        storedChunks++;
        filled = 0;
    }

    private void ensureWritable() throws IOException {
        if (closed) {
            throw new IOException(key + " is closed");
        }
        if (failed) {
            throw new IOException(key + " cannot be written further: one of its chunks could not be stored");
        }
    }
}

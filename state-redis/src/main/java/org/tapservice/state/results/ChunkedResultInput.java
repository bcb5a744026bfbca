package org.tapservice.state.results;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

import org.tapservice.core.results.ResultKey;

/**
 * A published result, read one chunk at a time, each fetched by its own query when the one
 * before is used up. The reader follows the generation it was opened on: if that generation is
 * replaced or deleted before the last chunk is fetched, the read fails rather than continue
 * with another version's bytes or end early, which the stored size would not allow.
 */
final class ChunkedResultInput extends InputStream {

    private static final byte[] NONE = new byte[0];

    private final ResultTables tables;
    private final ResultKey key;
    private final long generation;
    private final long size;
    private byte[] chunk;
    private int position;
    private int nextSeq;
    private long fetched;
    private boolean closed;

    ChunkedResultInput(ResultTables tables, ResultKey key, ResultTables.Visible visible) {
        this.tables = tables;
        this.key = key;
        this.generation = visible.generation();
        this.size = visible.size();
        this.chunk = NONE;
        visible.first().ifPresent(this::accept);
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return chunk[position++] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, bytes, offset, n);
        position += n;
        return n;
    }

    @Override
    public int available() {
        return closed ? 0 : chunk.length - position;
    }

    @Override
    public void close() {
        closed = true;
        chunk = NONE;
    }

    /** Whether bytes are ready in the current chunk, fetching the next one if it is used up. */
    private boolean fill() throws IOException {
        if (closed) {
            throw new IOException(key + " is closed");
        }
        while (position == chunk.length) {
            if (fetched == size) {
                return false;
            }
            accept(tables.chunk(generation, nextSeq).orElseThrow(
                    () -> new IOException(key + " was replaced or deleted while it was read")));
        }
        if (fetched > size) {
            throw new IOException(key + " has more bytes stored than its size, " + size);
        }
        return true;
    }

    private void accept(byte[] next) {
        chunk = next;
        position = 0;
        nextSeq++;
        fetched += next.length;
    }
}

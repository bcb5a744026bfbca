package org.tapservice.core.results;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.OptionalLong;

/**
 * Passes bytes on and counts them: the size a job's results list shows. With a limit, a write
 * that would pass it fails with {@link StorageLimitException} before any of its bytes go on.
 */
public final class CountingOutputStream extends FilterOutputStream {

    private final OptionalLong limit;
    private long count;

    public CountingOutputStream(OutputStream out) {
        this(out, OptionalLong.empty());
    }

    /** @param limit the most bytes the stream takes, if any */
    public CountingOutputStream(OutputStream out, OptionalLong limit) {
        super(out);
        this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
        checkRoom(1);
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        checkRoom(length);
        // FilterOutputStream would pass the array on one byte at a time
        out.write(bytes, offset, length);
        count += length;
    }

    public long count() {
        return count;
    }

    private void checkRoom(int length) throws StorageLimitException {
        if (limit.isPresent() && count + length > limit.getAsLong()) {
            throw new StorageLimitException(limit.getAsLong());
        }
    }
}

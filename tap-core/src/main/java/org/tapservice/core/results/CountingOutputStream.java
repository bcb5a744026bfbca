package org.tapservice.core.results;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes bytes on and counts them: the size a job's results list shows. */
public final class CountingOutputStream extends FilterOutputStream {

    private long count;

    public CountingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        // FilterOutputStream would pass the array on one byte at a time
        out.write(bytes, offset, length);
        count += length;
    }

    public long count() {
        return count;
    }
}

package org.tapservice.core.query;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.tapservice.votable.RowCursor;

/**
 * Reads a large result on a second (virtual) thread while the caller encodes the rows already
 * read: decoding PostgreSQL's rows and encoding the output format each take about half of a
 * result's time, so overlapping them brings streaming close to the database's own speed.
 * Memory stays bounded: at most a few batches of rows are held between the two threads.
 * <p>
 * The source is used by the reading thread only, and closed only after that thread has ended,
 * since JDBC objects are not safe to share between threads.
 */
final class PrefetchingCursor implements RowCursor {

    private static final int BATCH_ROWS = 512;
    private static final int BATCHES_AHEAD = 4;
    private static final long HANDOVER_MILLIS = 20;

    /** Rows read, then the failure that ended reading if any; {@code last} when nothing follows. */
    private record Batch(Object[][] rows, int size, boolean last, IOException failure) {
    }

    private final RowCursor source;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread reader;
    private volatile boolean closed;
    private Batch current = new Batch(new Object[0][], 0, false, null);
    private int position = -1;

    PrefetchingCursor(RowCursor source, int columns) {
        this.source = source;
        this.reader = Thread.ofVirtual().name("result-prefetch").start(() -> read(columns));
    }

    private void read(int columns) {
        boolean more = true;
        while (more && !closed) {
            Object[][] rows = new Object[BATCH_ROWS][];
            int size = 0;
            try {
                while (size < BATCH_ROWS && (more = source.next())) {
                    Object[] row = new Object[columns];
                    for (int column = 0; column < columns; column++) {
                        row[column] = source.cell(column);
                    }
                    rows[size++] = row;
                }
            } catch (IOException | RuntimeException e) {
                // the rows read before the failure are still delivered, then the failure
                handOver(new Batch(rows, size, true, e instanceof IOException io ? io
                        : new IOException("reading the result failed: " + e.getMessage(), e)));
                return;
            }
            handOver(new Batch(rows, size, !more, null));
        }
    }

    /** Waits for room in the queue, unless the consumer has gone away. */
    private void handOver(Batch batch) {
        try {
            while (!closed && !queue.offer(batch, HANDOVER_MILLIS, TimeUnit.MILLISECONDS)) {
                // the consumer is still busy with earlier batches
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean next() throws IOException {
        while (position + 1 >= current.size()) {
            if (current.failure() != null) {
                throw current.failure();
            }
            if (current.last()) {
                return false;
            }
            current = take();
            position = -1;
        }
        position++;
        return true;
    }

    private Batch take() throws IOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for rows", e);
        }
    }

    @Override
    public Object cell(int column) {
        return current.rows()[position][column];
    }

    /** Stops the reading thread (it finishes at most the batch it is reading) and closes the source. */
    @Override
    public void close() throws IOException {
        closed = true;
        try {
            while (reader.isAlive()) {
                queue.clear();
                reader.join(Duration.ofMillis(HANDOVER_MILLIS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            source.close();
        }
    }
}

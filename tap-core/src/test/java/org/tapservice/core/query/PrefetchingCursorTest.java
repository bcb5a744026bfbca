package org.tapservice.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tapservice.votable.RowCursor;

@Timeout(10)
class PrefetchingCursorTest {

    /** Rows 0, 1, 2, ... of one column, failing at row {@code failAt} (or never). */
    private static final class Counting implements RowCursor {

        private final int rows;
        private final int failAt;
        private final AtomicInteger read = new AtomicInteger();
        private final AtomicBoolean closed = new AtomicBoolean();
        private int current = -1;

        Counting(int rows, int failAt) {
            this.rows = rows;
            this.failAt = failAt;
        }

        @Override
        public boolean next() throws IOException {
            if (current + 1 == failAt) {
                throw new QueryFailedException("division by zero", null);
            }
            read.incrementAndGet();
            return ++current < rows;
        }

        @Override
        public Object cell(int column) {
            return (long) current;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static List<Object> readAll(RowCursor cursor) throws IOException {
        List<Object> values = new ArrayList<>();
        while (cursor.next()) {
            values.add(cursor.cell(0));
        }
        return values;
    }

    @Test
    void everyRowArrivesOnceAndInOrderAcrossBatches() throws IOException {
        try (PrefetchingCursor cursor = new PrefetchingCursor(new Counting(5000, -1), 1)) {
            List<Object> values = readAll(cursor);

            assertThat(values).hasSize(5000);
            assertThat(values.get(4999)).isEqualTo(4999L);
            assertThat(cursor.next()).isFalse();
        }
    }

    @Test
    void rowsReadBeforeAFailureArriveAndThenTheFailure() throws IOException {
        List<Object> values = new ArrayList<>();
        try (PrefetchingCursor cursor = new PrefetchingCursor(new Counting(100, 7), 1)) {
            assertThatThrownBy(() -> {
                while (cursor.next()) {
                    values.add(cursor.cell(0));
                }
            }).isInstanceOf(QueryFailedException.class).hasMessage("division by zero");
        }
        assertThat(values).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void closingEarlyStopsReadingAheadAndClosesTheSource() throws IOException {
        Counting source = new Counting(1_000_000, -1);
        try (PrefetchingCursor cursor = new PrefetchingCursor(source, 1)) {
            cursor.next();
        }

        assertThat(source.closed).isTrue();
        int readWhenClosed = source.read.get();
        assertThat(readWhenClosed).as("rows read ahead").isLessThan(10_000);
    }
}

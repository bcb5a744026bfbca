package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows go out as they are read: the writer holds neither the result nor the output. FITS, which
 * must count the rows before writing them, and VOParquet, which writes a row group at a time,
 * are the exceptions (see their writers).
 */
class StreamingTest {

    private static final int ROWS = 300_000;

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b", "csv", "tsv", "html"})
    void bytesReachTheStreamLongBeforeTheCursorIsExhausted(String format) throws Exception {
        CountingStream out = new CountingStream();
        GeneratedCursor cursor = new GeneratedCursor(ROWS, out);

        WriteSummary summary = Outputs.writer(format).write(new ResultTable(SampleTables.counterColumns(), cursor), out);

        assertEquals(new WriteSummary(ROWS, false), summary);
        // by the last row at most a few fixed-size buffers may still be held back
        assertTrue(out.count - cursor.bytesSeenAtLastRow < 4 * OutputBuffer.SIZE,
                "held back " + (out.count - cursor.bytesSeenAtLastRow) + " of " + out.count + " bytes");
    }

    @Test
    void voparquetSendsEachRowGroupWhenItIsFull() throws Exception {
        int rowGroup = 64 * 1024;
        CountingStream out = new CountingStream();
        GeneratedCursor cursor = new GeneratedCursor(ROWS, out);

        new ParquetResultWriter(rowGroup).write(new ResultTable(SampleTables.counterColumns(), cursor), out);

        // 300 000 longs are 2.4 MB: all but the last row group or two had gone out by the last row
        assertTrue(out.count - cursor.bytesSeenAtLastRow < 2 * rowGroup + 4 * OutputBuffer.SIZE,
                "held back " + (out.count - cursor.bytesSeenAtLastRow) + " of " + out.count + " bytes");
    }

    /** Counts rows 0, 1, ... and notes how much output had been written when it gave its last row. */
    private static final class GeneratedCursor implements RowCursor {
        private final int rows;
        private final CountingStream out;
        private long row = -1;
        long bytesSeenAtLastRow;

        GeneratedCursor(int rows, CountingStream out) {
            this.rows = rows;
            this.out = out;
        }

        @Override
        public boolean next() {
            row++;
            if (row == rows - 1) {
                bytesSeenAtLastRow = out.count;
            }
            return row < rows;
        }

        @Override
        public Object cell(int column) {
            return row;
        }

        @Override
        public void close() {
        }
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count += len;
        }
    }

}

package org.tapservice.votable;

import java.io.IOException;
import java.util.List;
import uk.ac.starlink.table.AbstractStarTable;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.UnrepeatableSequenceException;

/**
 * A {@link ResultTable} as a STIL table for exactly one write, in the manner of STIL's
 * SequentialResultSetStarTable: row count unknown, one pass, and a second iteration fails
 * loudly rather than silently writing nothing.
 *
 * <p>The row sequence it hands out stops at {@code maxRows} (probing the cursor for one more
 * row to detect overflow, or asking a cursor that ends first whether it was
 * {@link RowCursor#truncated() truncated}), and it never lets a cursor failure escape into
 * STIL: the failure is kept and the sequence simply ends, so STIL closes its DATA element
 * normally and the caller can still end the document well-formed before rethrowing it.
 */
final class CursorStarTable extends AbstractStarTable {

    private final RowCursor cursor;
    private final long maxRows;
    private final List<StilColumn> columns;
    private boolean iterated;
    private long rowsWritten;
    private boolean overflow;
    private Exception failure;

    CursorStarTable(ResultTable table) {
        this(table, StilColumn.of(table.columns()));
    }

    /** @param columns the table's columns as STIL sees them, worked out before */
    CursorStarTable(ResultTable table, List<StilColumn> columns) {
        this.cursor = table.rows();
        this.maxRows = table.maxRows();
        this.columns = columns;
    }

    @Override
    public int getColumnCount() {
        return columns.size();
    }

    @Override
    public ColumnInfo getColumnInfo(int column) {
        return columns.get(column).info();
    }

    @Override
    public long getRowCount() {
        return -1;
    }

    @Override
    public RowSequence getRowSequence() throws IOException {
        if (iterated) {
            throw new UnrepeatableSequenceException("a result cursor can be read only once");
        }
        iterated = true;
        return new Rows();
    }

    /** How the pass went: call after the writer has consumed the row sequence. */
    Outcome outcome() {
        return new Outcome(rowsWritten, overflow, failure);
    }

    /**
     * @param failure  what the cursor threw, or null if it did not
     */
    record Outcome(long rowsWritten, boolean overflow, Exception failure) {

        WriteSummary summary() {
            return new WriteSummary(rowsWritten, overflow);
        }

        /** Rethrows the cursor's failure, if there was one; otherwise the summary. */
        WriteSummary summaryOrThrow() throws IOException {
            switch (failure) {
                case null -> {
                    return summary();
                }
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                default -> throw new IOException(failure);
            }
        }
    }

    private final class Rows implements RowSequence {

        private final Object[] row = new Object[columns.size()]; // reused: one row in memory, ever
        private boolean ended;

        @Override
        public boolean next() {
            if (ended) {
                return false;
            }
            try {
                if (rowsWritten == maxRows) {
                    overflow = cursor.next();
                    ended = true;
                } else if (cursor.next()) {
                    readRow();
                    rowsWritten++;
                } else {
                    overflow = cursor.truncated();
                    ended = true;
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
                ended = true;
            }
            return !ended;
        }

        private void readRow() throws IOException {
            for (int i = 0; i < row.length; i++) {
                row[i] = columns.get(i).toStil(cursor.cell(i));
            }
        }

        @Override
        public Object getCell(int column) {
            return row[column];
        }

        @Override
        public Object[] getRow() {
            return row;
        }

        @Override
        public void close() {
            // the cursor belongs to whoever opened it
        }
    }
}

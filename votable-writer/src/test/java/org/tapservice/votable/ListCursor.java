package org.tapservice.votable;

import java.io.IOException;
import java.util.List;

/** A cursor over rows in memory that can be told to fail, and remembers whether it was closed. */
final class ListCursor implements RowCursor {

    private final List<Object[]> rows;
    private final int failAtRow;
    private final boolean allFetched;
    private int current = -1;
    private boolean closed;

    private ListCursor(List<Object[]> rows, int failAtRow, boolean allFetched) {
        this.rows = rows;
        this.failAtRow = failAtRow;
        this.allFetched = allFetched;
    }

    static ListCursor of(List<Object[]> rows) {
        return new ListCursor(rows, Integer.MAX_VALUE, false);
    }

    /** A cursor that says its rows were all fetched with the query, as a small result's are. */
    static ListCursor fetched(List<Object[]> rows) {
        return new ListCursor(rows, Integer.MAX_VALUE, true);
    }

    /** Throws from next() when asked to move to the row with this (0-based) index. */
    static ListCursor failingAt(int failAtRow, List<Object[]> rows) {
        return new ListCursor(rows, failAtRow, false);
    }

    @Override
    public boolean allFetched() {
        return allFetched;
    }

    @Override
    public boolean next() throws IOException {
        if (current + 1 == failAtRow) {
            throw new IOException("connection to the database lost <&>");
        }
        current++;
        return current < rows.size();
    }

    @Override
    public Object cell(int column) {
        return rows.get(current)[column];
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }
}

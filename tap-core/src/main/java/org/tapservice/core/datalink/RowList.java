package org.tapservice.core.datalink;

import java.util.List;

import org.tapservice.votable.RowCursor;

/** A cursor over rows already read: a links response is small and bounded by MAXREC. */
final class RowList implements RowCursor {

    private final List<Object[]> rows;
    private int next;

    RowList(List<Object[]> rows) {
        this.rows = rows;
    }

    @Override
    public boolean next() {
        if (next >= rows.size()) {
            return false;
        }
        next++;
        return true;
    }

    @Override
    public Object cell(int column) {
        return rows.get(next - 1)[column];
    }

    @Override
    public void close() {
    }
}

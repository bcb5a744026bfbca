package org.tapservice.votable;

import java.io.IOException;
import java.util.List;

/**
 * One forward-only pass over result rows, positioned before the first row. Cells of the
 * current row may be read in any order; a null cell is SQL NULL. Whoever opened the cursor
 * closes it: writers read it but never close it.
 */
public interface RowCursor extends AutoCloseable {

    /** Moves to the next row; false once there are no more. */
    boolean next() throws IOException;

    /** The value of a column (0-based) in the current row, of that column's {@link ColumnMetadata#contentClass()}. */
    Object cell(int column) throws IOException;

    /**
     * Whether every row is in memory already, read with the query in one go: reading them
     * cannot keep the client waiting, so a writer need not send what precedes them ahead.
     */
    default boolean allFetched() {
        return false;
    }

    /**
     * Asked once {@link #next} has answered false: whether the rows ended because a limit cut
     * them short, not because there were no more. A query's cursor never says so (the writer
     * finds an overflow by probing one row past {@link ResultTable#maxRows()}); a cursor over a
     * stored result that was itself cut at MAXREC does, so that a copy in another format says
     * OVERFLOW too.
     */
    default boolean truncated() {
        return false;
    }

    /**
     * Asked once {@link #next} has answered false: service descriptors that came after the rows,
     * to be written with those of the {@link ResultTable#services() table}. A query's cursor has
     * none (its descriptors are known before its rows); a cursor over a stored VOTable has those
     * the stored document ends with, which a VOTable copy of it must carry too.
     */
    default List<ServiceDescriptor> trailingServices() {
        return List.of();
    }

    @Override
    void close() throws IOException;
}

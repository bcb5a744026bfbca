package org.tapservice.votable;

import java.io.IOException;

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

    @Override
    void close() throws IOException;
}

package org.tapservice.core.query;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.PGResultSetMetaData;
import org.tapservice.votable.ColumnMetadata;
import org.tapservice.votable.RowCursor;

/**
 * One forward pass over a JDBC result held open by a server-side cursor: rows arrive a fetch
 * at a time, so memory stays flat however many there are.
 */
final class JdbcRowCursor implements RowCursor {

    /** PGResultSetMetaData's format of a column whose values arrive in binary. */
    private static final int BINARY_FORMAT = 1;

    private final ResultSet rows;
    private final QueryControl control;
    private final ColumnReader[] readers;
    private final Object[] current;
    private final boolean allFetched;

    /**
     * @param control    checked before each row, so that a cancel stops the rows between fetches too
     * @param allFetched whether the driver read the whole result with the query (no fetch size,
     *                   or autocommit), rather than fetching rows from a cursor as they are read
     */
    JdbcRowCursor(ResultSet rows, List<ColumnMetadata> columns, QueryControl control, boolean allFetched)
            throws SQLException {
        this.rows = rows;
        this.control = control;
        this.allFetched = allFetched;
        ResultSetMetaData types = rows.getMetaData();
        PGResultSetMetaData binary = types.unwrap(PGResultSetMetaData.class);
        this.readers = new ColumnReader[columns.size()];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = ColumnReader.forColumn(columns.get(i), types.getColumnTypeName(i + 1),
                    binary.getFormat(i + 1) == BINARY_FORMAT);
        }
        this.current = new Object[readers.length];
    }

    @Override
    public boolean allFetched() {
        return allFetched;
    }

    @Override
    public boolean next() throws IOException {
        try {
            control.checkNotCancelled();
            if (!rows.next()) {
                return false;
            }
            for (int i = 0; i < readers.length; i++) {
                current[i] = readers[i].read(rows, i + 1);
            }
            return true;
        } catch (SQLException e) {
            throw new QueryFailedException(SqlErrors.describe(e), e);
        }
    }

    @Override
    public Object cell(int column) {
        return current[column];
    }

    @Override
    public void close() throws IOException {
        try {
            rows.close();
        } catch (SQLException e) {
            throw new IOException("cannot close the result cursor: " + e.getMessage(), e);
        }
    }
}

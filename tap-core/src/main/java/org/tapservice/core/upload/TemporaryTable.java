package org.tapservice.core.upload;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.tapservice.core.TapException;
import org.tapservice.core.schema.ColumnDescription;
import org.tapservice.core.schema.TableDescription;

import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.TableSink;

/**
 * One uploaded table on its way into a temporary table of the query's transaction: the columns
 * are checked and typed as the metadata arrives, the table is created {@code ON COMMIT DROP}
 * with the first row, and the rows go in through COPY as they are read, never held together.
 * Columns are stored as c1, c2, ... whatever the upload calls them: any name is then safe in SQL
 * and within PostgreSQL's identifier length, while queries use the upload's own names.
 */
final class TemporaryTable implements TableSink {

    private final Connection connection;
    private final String name;
    private final String sqlTable;
    private final UploadLimits limits;
    private final List<UploadType> types = new ArrayList<>();
    private final List<ColumnDescription> columns = new ArrayList<>();
    private final StringBuilder row = new StringBuilder(256);
    private PGCopyOutputStream copy;
    private long rows;
    private boolean ended;

    /**
     * @param name     the table's name in queries (TAP_UPLOAD.name)
     * @param sqlTable the temporary table's name, unique within the transaction
     */
    TemporaryTable(Connection connection, String name, String sqlTable, UploadLimits limits) {
        this.connection = requireNonNull(connection, "connection is null");
        this.name = requireNonNull(name, "name is null");
        this.sqlTable = requireNonNull(sqlTable, "sqlTable is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public void acceptMetadata(StarTable metadata) {
        int count = metadata.getColumnCount();
        if (count == 0) {
            throw invalid("has no columns");
        }
        if (count > limits.maxColumns()) {
            throw invalid("has " + count + " columns; this service accepts at most " + limits.maxColumns());
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < count; i++) {
            ColumnInfo info = metadata.getColumnInfo(i);
            String column = info.getName() == null || info.getName().isBlank() ? "col" + (i + 1) : info.getName();
            if (!names.add(column.toLowerCase(Locale.ROOT))) {
                throw invalid("has two columns called '" + column + "' (ADQL does not tell names apart by case)");
            }
            UploadType type = UploadType.of(info).orElseThrow(() -> invalid("has a column '" + column
                    + "' of values this service cannot store (" + info.getContentClass().getSimpleName()
                    + (info.getShape() != null && info.getShape().length > 1 ? " of several dimensions" : "") + ")"));
            types.add(type);
            columns.add(new ColumnDescription(column, type.datatype(), type.arraysize(), type.xtype(info),
                    info.getUnitString(), info.getUCD(), info.getUtype(), info.getDescription(), true, false, false,
                    "c" + (i + 1)));
        }
    }

    @Override
    public void acceptRow(Object[] values) throws IOException {
        if (++rows > limits.maxRows()) {
            throw invalid("has more than " + limits.maxRows() + " rows, this service's limit");
        }
        row.setLength(0);
        for (int i = 0; i < types.size(); i++) {
            if (i > 0) {
                row.append('\t');
            }
            Object value = i < values.length ? values[i] : null;
            if (value == null || !append(types.get(i), value, i)) {
                row.append("\\N");
            }
        }
        row.append('\n');
        copyStream().write(row.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void endRows() throws IOException {
        PGCopyOutputStream out = copyStream();
        // ends the COPY: PostgreSQL reports any row it refused now
        out.close();
        ended = true;
    }

    /**
     * Ends a COPY that a failure interrupted: until then the connection can do nothing else,
     * not even roll back.
     */
    void abort() {
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // the connection is broken; the pool finds out when it is returned
            }
        }
    }

    /** The table as the catalogue describes it: TAP_UPLOAD.name, kept in pg_temp. */
    TableDescription description() {
        if (!ended) {
            throw new IllegalStateException("upload '" + name + "' was not read to its end");
        }
        return new TableDescription(TableUpload.SCHEMA, TableUpload.SCHEMA + "." + name, "table", null,
                "Uploaded by the query's request", "pg_temp", sqlTable, columns, List.of());
    }

    private boolean append(UploadType type, Object value, int column) {
        int mark = row.length();
        try {
            return type.append(value, row);
        } catch (IllegalArgumentException | ClassCastException e) {
            row.setLength(mark);
            throw invalid("row " + rows + ", column '" + columns.get(column).name() + "': "
                    + (e instanceof ClassCastException ? "a value of the wrong type" : e.getMessage()));
        }
    }

    /** Creates the table and starts the COPY, once: after the metadata, before the first row. */
    private PGCopyOutputStream copyStream() throws IOException {
        if (copy != null) {
            return copy;
        }
        if (types.isEmpty()) {
            throw new IOException("no metadata before the rows of upload '" + name + "'");
        }
        StringJoiner definition = new StringJoiner(", ", "CREATE TEMPORARY TABLE " + sqlTable + " (",
                ") ON COMMIT DROP");
        for (int i = 0; i < types.size(); i++) {
            definition.add(columns.get(i).sqlName() + " " + types.get(i).sqlType());
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(definition.toString());
            copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), "COPY " + sqlTable + " FROM STDIN",
                    1 << 16);
        } catch (SQLException e) {
            throw new IOException("the temporary table of upload '" + name + "' cannot be created", e);
        }
        return copy;
    }

    private TapException invalid(String what) {
        return TapException.invalid("upload '" + name + "' " + what);
    }
}

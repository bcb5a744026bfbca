package org.tapservice.obscore.load;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.tapservice.obscore.ObsCoreField;
import org.tapservice.obscore.ObsCoreRow;
import org.tapservice.obscore.derive.DataFile;
import org.tapservice.obscore.wcs.SkyPolygon;

/**
 * ivoa.obscore in PostgreSQL, and beside it (in schema obscore_build, never published) each
 * loaded file's path, identifier and headers. Loading is an upsert on obs_publisher_did, so
 * running a build again updates its rows and never duplicates them; a file whose identifier
 * changed (a new publisher_did base in the mapping) has its old row removed in the same
 * transaction.
 */
public final class ObsCoreTable {

    public static final String SCHEMA = "ivoa";
    public static final String TABLE = "obscore";

    private static final String COLUMNS = Arrays.stream(ObsCoreField.values()).map(ObsCoreField::column)
            .collect(Collectors.joining(", "));

    private final DataSource dataSource;

    public ObsCoreTable(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /**
     * Creates what is missing: the table with the standard's columns in its order, the key the
     * upsert needs, and the indexes the ADQL translator's conditions use (the GiST expressions are
     * those it writes: s_region as is, the centre as spoint(radians(s_ra), radians(s_dec))).
     */
    public void create() {
        String columns = Arrays.stream(ObsCoreField.values())
                .map(field -> field.column() + " " + sqlType(field) + (field.required() ? " NOT NULL" : ""))
                .collect(Collectors.joining(",\n    "));
        execute(List.of(
                "CREATE SCHEMA IF NOT EXISTS " + SCHEMA,
                "CREATE TABLE IF NOT EXISTS " + SCHEMA + "." + TABLE + " (\n    " + columns
                        + ",\n    CONSTRAINT obscore_publisher_did UNIQUE (obs_publisher_did))",
                "CREATE INDEX IF NOT EXISTS obscore_s_region ON ivoa.obscore USING gist (s_region)",
                "CREATE INDEX IF NOT EXISTS obscore_s_position ON ivoa.obscore USING gist (spoint(radians(s_ra), radians(s_dec)))",
                "CREATE INDEX IF NOT EXISTS obscore_t_min ON ivoa.obscore (t_min)",
                "CREATE INDEX IF NOT EXISTS obscore_em_min ON ivoa.obscore (em_min)",
                "CREATE SCHEMA IF NOT EXISTS obscore_build",
                """
                CREATE TABLE IF NOT EXISTS obscore_build.sources (
                    path text PRIMARY KEY,
                    obs_publisher_did text NOT NULL,
                    obs_collection text NOT NULL,
                    bytes bigint NOT NULL,
                    header bytea NOT NULL,
                    loaded timestamptz NOT NULL DEFAULT now())
                """));
    }

    /** Loads the rows in one transaction; returns how many were written. */
    public int upsert(List<SourceRecord> records) {
        if (records.isEmpty()) {
            return 0;
        }
        String placeholders = Arrays.stream(ObsCoreField.values())
                .map(field -> field.kind() == ObsCoreField.Kind.REGION ? "CAST(? AS spoly)" : "?")
                .collect(Collectors.joining(", "));
        String updates = Arrays.stream(ObsCoreField.values()).filter(field -> field != ObsCoreField.OBS_PUBLISHER_DID)
                .map(field -> field.column() + " = EXCLUDED." + field.column()).collect(Collectors.joining(", "));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement removeRenamed = connection.prepareStatement("""
                        DELETE FROM ivoa.obscore o USING obscore_build.sources s
                        WHERE s.path = ? AND o.obs_publisher_did = s.obs_publisher_did AND s.obs_publisher_did <> ?
                        """);
                 PreparedStatement row = connection.prepareStatement("INSERT INTO ivoa.obscore (" + COLUMNS
                         + ") VALUES (" + placeholders + ") ON CONFLICT (obs_publisher_did) DO UPDATE SET " + updates);
                 PreparedStatement source = connection.prepareStatement("""
                        INSERT INTO obscore_build.sources (path, obs_publisher_did, obs_collection, bytes, header)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (path) DO UPDATE SET obs_publisher_did = EXCLUDED.obs_publisher_did,
                            obs_collection = EXCLUDED.obs_collection, bytes = EXCLUDED.bytes,
                            header = EXCLUDED.header, loaded = now()
                        """)) {
                for (SourceRecord record : records) {
                    ObsCoreRow values = record.row();
                    removeRenamed.setString(1, record.file().relativePath());
                    removeRenamed.setString(2, values.publisherDid());
                    removeRenamed.addBatch();
                    ObsCoreField[] fields = ObsCoreField.values();
                    for (int i = 0; i < fields.length; i++) {
                        bind(row, i + 1, fields[i], values.get(fields[i]).orElse(null));
                    }
                    row.addBatch();
                    source.setString(1, record.file().relativePath());
                    source.setString(2, values.publisherDid());
                    source.setString(3, (String) values.get(ObsCoreField.OBS_COLLECTION).orElseThrow());
                    source.setLong(4, record.file().bytes());
                    source.setBytes(5, record.header());
                    source.addBatch();
                }
                removeRenamed.executeBatch();
                row.executeBatch();
                source.executeBatch();
                connection.commit();
                return records.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new LoadException("loading " + records.size() + " row(s) into ivoa.obscore failed: "
                    + rootMessage(e), e);
        }
    }

    /** What the stored sources are read into, one file at a time. */
    @FunctionalInterface
    public interface SourceVisitor {
        void visit(DataFile file, String collection, byte[] header);
    }

    /** Every stored source in path order, read through a cursor. */
    public void forEachSource(SourceVisitor visitor) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(100);
                try (ResultSet rows = statement.executeQuery(
                        "SELECT path, bytes, obs_collection, header FROM obscore_build.sources ORDER BY path")) {
                    while (rows.next()) {
                        visitor.visit(new DataFile(rows.getString(1), rows.getLong(2)), rows.getString(3),
                                rows.getBytes(4));
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new LoadException("reading obscore_build.sources failed: " + rootMessage(e), e);
        }
    }

    private static void bind(PreparedStatement statement, int index, ObsCoreField field, Object value)
            throws SQLException {
        switch (field.kind()) {
            case TEXT -> statement.setObject(index, value, Types.VARCHAR);
            case INTEGER -> statement.setObject(index, value, Types.INTEGER);
            case LONG -> statement.setObject(index, value, Types.BIGINT);
            case DOUBLE -> statement.setObject(index, value, Types.DOUBLE);
            case REGION -> statement.setObject(index, value == null ? null : ((SkyPolygon) value).toPgSphere(),
                    Types.VARCHAR);
        }
    }

    private static String sqlType(ObsCoreField field) {
        return switch (field.kind()) {
            case TEXT -> "text";
            case INTEGER -> "integer";
            case LONG -> "bigint";
            case DOUBLE -> "double precision";
            case REGION -> "spoly";
        };
    }

    private void execute(List<String> statements) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new LoadException("creating ivoa.obscore failed: " + rootMessage(e)
                    + " (is the pg_sphere extension installed in this database?)", e);
        }
    }

    private static String rootMessage(SQLException e) {
        SQLException next = e.getNextException();
        return next != null && next.getMessage() != null ? next.getMessage() : e.getMessage();
    }
}

package org.tapservice.api.admin.publish;

import static java.util.Objects.requireNonNull;

import java.sql.Array;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads a table's or view's structure from pg_catalog: its columns and their types, which
 * columns an index can serve, its primary key and the foreign keys from and to it.
 */
public final class PgCatalog {

    /** A relation that publish can describe; indexes, sequences and the like are not. */
    public record Relation(TableName name, boolean view, List<Column> columns, List<ForeignKey> foreignKeys) {}

    public record Column(String name, PgType type, boolean indexed, boolean primaryKey) {}

    public record ForeignKey(String name, TableName from, List<String> fromColumns,
            TableName target, List<String> targetColumns) {}

    private static final String RELKIND = """
            SELECT relkind FROM pg_class WHERE oid = to_regclass(?) AND relkind IN ('r', 'p', 'v', 'm', 'f')
            """;

    // Domains are resolved to their base type so a domain over text publishes as text.
    private static final String COLUMNS = """
            SELECT a.attname, b.typname, b.typcategory = 'A' AS is_array, coalesce(e.typname, b.typname) AS element,
                   r.typmod, format_type(a.atttypid, a.atttypmod) AS declared
            FROM pg_attribute a
            JOIN pg_type t ON t.oid = a.atttypid
            CROSS JOIN LATERAL (SELECT CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END AS oid,
                                       CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS typmod) r
            JOIN pg_type b ON b.oid = r.oid
            LEFT JOIN pg_type e ON e.oid = b.typelem AND b.typcategory = 'A'
            WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """;

    // "Indexed" tells clients a constraint on the column is cheap, so it means: the column leads
    // a non-partial index, or is used by the leading expression of one. The second case is what
    // marks ra and dec of a table with a GiST index on spoint(radians(ra), radians(dec)).
    private static final String INDEXED = """
            SELECT a.attname FROM pg_index i
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
            WHERE i.indrelid = ?::regclass AND i.indpred IS NULL AND i.indkey[0] <> 0
            UNION
            SELECT a.attname FROM pg_index i
            JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = i.indexrelid
                            AND d.refclassid = 'pg_class'::regclass AND d.refobjid = i.indrelid AND d.refobjsubid > 0
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = d.refobjsubid
            WHERE i.indrelid = ?::regclass AND i.indpred IS NULL AND i.indkey[0] = 0
            """;

    private static final String PRIMARY_KEY = """
            SELECT a.attname FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
            WHERE c.conrelid = ?::regclass AND c.contype = 'p'
            """;

    private static final String FOREIGN_KEYS = """
            SELECT c.conname, fn.nspname AS from_schema, fc.relname AS from_table,
                   tn.nspname AS target_schema, tc.relname AS target_table,
                   ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, i)
                         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.i) AS from_columns,
                   ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, i)
                         JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.i) AS target_columns
            FROM pg_constraint c
            JOIN pg_class fc ON fc.oid = c.conrelid JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            JOIN pg_class tc ON tc.oid = c.confrelid JOIN pg_namespace tn ON tn.oid = tc.relnamespace
            WHERE c.contype = 'f' AND (c.conrelid = ?::regclass OR c.confrelid = ?::regclass)
            ORDER BY c.conname
            """;

    private final JdbcTemplate jdbc;

    public PgCatalog(JdbcTemplate jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    public Optional<Relation> find(TableName name) {
        String sqlName = name.sql();
        List<String> kind = jdbc.queryForList(RELKIND, String.class, sqlName);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        Set<String> indexed = new HashSet<>(jdbc.queryForList(INDEXED, String.class, sqlName, sqlName));
        Set<String> primaryKey = new HashSet<>(jdbc.queryForList(PRIMARY_KEY, String.class, sqlName));
        List<Column> columns = jdbc.query(COLUMNS, (rs, row) -> {
            String column = rs.getString("attname");
            var type = new PgType(rs.getString("element"), rs.getInt("typmod"), rs.getBoolean("is_array"),
                    rs.getString("declared"));
            return new Column(column, type, indexed.contains(column), primaryKey.contains(column));
        }, sqlName);
        List<ForeignKey> foreignKeys = jdbc.query(FOREIGN_KEYS, (rs, row) -> new ForeignKey(
                rs.getString("conname"),
                new TableName(rs.getString("from_schema"), rs.getString("from_table")), names(rs.getArray("from_columns")),
                new TableName(rs.getString("target_schema"), rs.getString("target_table")), names(rs.getArray("target_columns"))),
                sqlName, sqlName);
        boolean view = kind.getFirst().equals("v") || kind.getFirst().equals("m");
        return Optional.of(new Relation(name, view, columns, foreignKeys));
    }

    private static List<String> names(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}

package org.tapservice.core.schema;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads TAP_SCHEMA from PostgreSQL and finds the relation and columns each published name
 * stands for. Published names follow ADQL's case rules while PostgreSQL folds to lower case,
 * so a name matches its relation exactly when one exists and without case otherwise; a table
 * or column with no relation behind it is left out with a warning rather than failing every
 * query that names it with a database error.
 */
public final class TapSchemaLoader {

    private static final Logger log = LoggerFactory.getLogger(TapSchemaLoader.class);

    private static final String SCHEMAS = """
            SELECT schema_name, utype, description FROM tap_schema.schemas
            ORDER BY schema_index NULLS LAST, schema_name""";
    private static final String TABLES = """
            SELECT schema_name, table_name, table_type, utype, description FROM tap_schema.tables
            ORDER BY table_index NULLS LAST, table_name""";
    private static final String COLUMNS = """
            SELECT table_name, column_name, datatype, arraysize, xtype, unit, ucd, utype, description,
                   principal, indexed, std
            FROM tap_schema.columns ORDER BY table_name, column_index NULLS LAST, column_name""";
    private static final String KEYS = """
            SELECT k.key_id, k.from_table, k.target_table, k.utype, k.description, c.from_column, c.target_column
            FROM tap_schema.keys k JOIN tap_schema.key_columns c ON c.key_id = k.key_id
            ORDER BY k.key_id, c.from_column""";
    private static final String DATALINK_ID_COLUMNS = "SELECT table_name, column_name FROM tap_links.id_columns";
    private static final String RELATIONS = """
            SELECT n.nspname, c.relname, a.attname
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND lower(n.nspname) IN (
                SELECT lower(schema_name) FROM tap_schema.tables)""";

    private final DataSource dataSource;

    public TapSchemaLoader(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    public TapSchema load() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            Relations relations = new Relations(query(connection, RELATIONS,
                    row -> new String[] {row.getString(1), row.getString(2), row.getString(3)}));
            Map<String, List<ForeignKeyDescription>> keys = foreignKeys(connection);
            Map<String, List<ColumnRow>> columns = new HashMap<>();
            for (ColumnRow row : query(connection, COLUMNS, ColumnRow::read)) {
                columns.computeIfAbsent(row.tableName(), name -> new ArrayList<>()).add(row);
            }
            Map<String, List<TableDescription>> tablesBySchema = new HashMap<>();
            for (TableRow row : query(connection, TABLES, TableRow::read)) {
                relations.table(row)
                        .map(relation -> row.describe(relation, columns.getOrDefault(row.tableName(), List.of()),
                                relations, keys.getOrDefault(row.tableName(), List.of())))
                        .ifPresent(table -> tablesBySchema.computeIfAbsent(row.schemaName(), name -> new ArrayList<>())
                                .add(table));
            }
            List<SchemaDescription> schemas = query(connection, SCHEMAS, row -> new SchemaDescription(
                    row.getString(1), row.getString(2), row.getString(3),
                    tablesBySchema.getOrDefault(row.getString(1), List.of())));
            return new TapSchema(schemas, Set.copyOf(query(connection, DATALINK_ID_COLUMNS,
                    row -> new TapSchema.ColumnName(row.getString(1), row.getString(2)))));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read TAP_SCHEMA: " + e.getMessage(), e);
        }
    }

    private static Map<String, List<ForeignKeyDescription>> foreignKeys(Connection connection) throws SQLException {
        record KeyRow(String keyId, String fromTable, String targetTable, String utype, String description,
                      ForeignKeyDescription.ColumnPair pair) {
        }
        Map<String, List<KeyRow>> byKey = new LinkedHashMap<>();
        for (KeyRow row : query(connection, KEYS, rs -> new KeyRow(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5),
                new ForeignKeyDescription.ColumnPair(rs.getString(6), rs.getString(7))))) {
            byKey.computeIfAbsent(row.keyId(), id -> new ArrayList<>()).add(row);
        }
        Map<String, List<ForeignKeyDescription>> byTable = new HashMap<>();
        byKey.values().forEach(rows -> {
            KeyRow first = rows.getFirst();
            byTable.computeIfAbsent(first.fromTable(), table -> new ArrayList<>()).add(new ForeignKeyDescription(
                    first.keyId(), first.targetTable(), first.utype(), first.description(),
                    rows.stream().map(KeyRow::pair).toList()));
        });
        return byTable;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    private record TableRow(String schemaName, String tableName, String type, String utype, String description) {

        static TableRow read(ResultSet row) throws SQLException {
            return new TableRow(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                    row.getString(5));
        }

        String unqualifiedName() {
            return TableDescription.unqualified(schemaName, tableName);
        }

        TableDescription describe(Relation relation, List<ColumnRow> columns, Relations relations,
                                  List<ForeignKeyDescription> keys) {
            List<ColumnDescription> described = new ArrayList<>();
            for (ColumnRow column : columns) {
                relations.column(relation, ColumnDescription.undelimited(column.columnName()))
                        .map(column::describe)
                        .ifPresentOrElse(described::add, () -> log.warn(
                                "TAP_SCHEMA column {}.{} has no PostgreSQL column behind it and is not served",
                                tableName, column.columnName()));
            }
            return new TableDescription(schemaName, tableName, type == null ? "table" : type, utype, description,
                    relation.schema(), relation.table(), described, keys);
        }
    }

    private record ColumnRow(String tableName, String columnName, String datatype, String arraysize,
                             String xtype, String unit, String ucd, String utype, String description,
                             boolean principal, boolean indexed, boolean std) {

        static ColumnRow read(ResultSet row) throws SQLException {
            return new ColumnRow(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                    row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                    row.getInt(10) == 1, row.getInt(11) == 1, row.getInt(12) == 1);
        }

        ColumnDescription describe(String sqlName) {
            return new ColumnDescription(columnName, datatype, arraysize, xtype, unit, ucd, utype, description,
                    principal, indexed, std, sqlName);
        }
    }

    private record Relation(String schema, String table) {
    }

    /** The PostgreSQL relations and their columns, looked up by name with ADQL's case rules. */
    private static final class Relations {

        private final Map<String, List<Relation>> byFoldedName = new HashMap<>();
        private final Map<Relation, List<String>> columns = new HashMap<>();

        Relations(List<String[]> rows) {
            for (String[] row : rows) {
                Relation relation = new Relation(row[0], row[1]);
                List<String> attributes = columns.computeIfAbsent(relation, key -> {
                    byFoldedName.computeIfAbsent(fold(key.schema(), key.table()), name -> new ArrayList<>()).add(key);
                    return new ArrayList<>();
                });
                attributes.add(row[2]);
            }
        }

        Optional<Relation> table(TableRow row) {
            Optional<Relation> found = best(byFoldedName.getOrDefault(fold(row.schemaName(), row.unqualifiedName()),
                    List.of()), relation -> relation.schema().equals(row.schemaName())
                    && relation.table().equals(row.unqualifiedName()));
            if (found.isEmpty()) {
                log.warn("TAP_SCHEMA table {} has no PostgreSQL relation behind it and is not served", row.tableName());
            }
            return found;
        }

        Optional<String> column(Relation relation, String name) {
            List<String> candidates = columns.getOrDefault(relation, List.of()).stream()
                    .filter(attribute -> attribute.equalsIgnoreCase(name)).toList();
            return best(candidates, attribute -> attribute.equals(name));
        }

        private static <T> Optional<T> best(List<T> candidates, java.util.function.Predicate<T> exact) {
            return candidates.stream().min(Comparator.comparing(candidate -> exact.test(candidate) ? 0 : 1));
        }

        private static String fold(String schema, String table) {
            return schema.toLowerCase(Locale.ROOT) + "\u0000" + table.toLowerCase(Locale.ROOT);
        }
    }
}

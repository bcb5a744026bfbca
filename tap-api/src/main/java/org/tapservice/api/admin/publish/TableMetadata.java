package org.tapservice.api.admin.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.tapservice.api.admin.AdminException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The hand-written part of a table's TAP_SCHEMA entry, read from a YAML file:
 * <pre>
 * description: Synthetic stars
 * utype: ...
 * columns:
 *   ra: {unit: deg, ucd: pos.eq.ra;meta.main, description: Right ascension (ICRS), principal: true}
 *   footprint: {ucd: pos.outline;obs.field, xtype: adql:REGION}
 * </pre>
 * Unknown keys are errors: a misspelt "ucd" must not silently publish a column without one.
 */
public record TableMetadata(Optional<String> description, Optional<String> utype,
        Map<String, ColumnMetadata> columns) {

    public static final TableMetadata NONE = new TableMetadata(Optional.empty(), Optional.empty(), Map.of());

    private static final List<String> TABLE_KEYS = List.of("description", "utype", "columns");
    private static final List<String> COLUMN_KEYS = List.of("unit", "ucd", "utype", "description", "principal", "std",
            "xtype");

    public TableMetadata {
        columns = Map.copyOf(columns);
    }

    public ColumnMetadata column(String name) {
        return columns.getOrDefault(name, ColumnMetadata.NONE);
    }

    public TableMetadata withDescription(String text) {
        return new TableMetadata(Optional.of(text), utype, columns);
    }

    /** Metadata naming a column the table lacks is an error, listing every such name. */
    public void checkColumnsExist(Set<String> tableColumns, TableName table, String source) {
        var unknown = new TreeSet<>(columns.keySet());
        unknown.removeAll(tableColumns);
        if (!unknown.isEmpty()) {
            throw new AdminException(source + ": " + table + " has no column" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown));
        }
    }

    public static TableMetadata read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new AdminException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses YAML text; {@code source} names the file in error messages. */
    public static TableMetadata parse(String yaml, String source) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new AdminException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            return NONE;
        }
        Map<String, Object> table = mapping(root, source, TABLE_KEYS);
        var columns = new LinkedHashMap<String, ColumnMetadata>();
        Object columnEntries = table.get("columns");
        if (columnEntries != null) {
            mapping(columnEntries, source + ": columns", null).forEach((name, value) ->
                    columns.put(name, column(value, source + ": column " + name)));
        }
        return new TableMetadata(text(table, "description", source), text(table, "utype", source), columns);
    }

    private static ColumnMetadata column(Object value, String where) {
        if (value == null) {
            return ColumnMetadata.NONE;
        }
        Map<String, Object> column = mapping(value, where, COLUMN_KEYS);
        return new ColumnMetadata(text(column, "unit", where), text(column, "ucd", where),
                text(column, "utype", where), text(column, "description", where), flag(column, "principal", where),
                flag(column, "std", where), text(column, "xtype", where));
    }

    /** A YAML mapping with string keys, restricted to {@code allowedKeys} unless that is null. */
    private static Map<String, Object> mapping(Object value, String where, List<String> allowedKeys) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new AdminException(where + ": expected a mapping of names to values");
        }
        var result = new LinkedHashMap<String, Object>();
        map.forEach((key, entry) -> {
            String name = String.valueOf(key);
            if (allowedKeys != null && !allowedKeys.contains(name)) {
                throw new AdminException(where + ": unknown key '" + name + "' (known: "
                        + String.join(", ", allowedKeys) + ")");
            }
            result.put(name, entry);
        });
        return result;
    }

    private static Optional<String> text(Map<String, Object> map, String key, String where) {
        Object value = map.get(key);
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new AdminException(where + ": " + key + " must be a single value");
        }
        return Optional.ofNullable(value).map(String::valueOf);
    }

    private static Optional<Boolean> flag(Map<String, Object> map, String key, String where) {
        return switch (map.get(key)) {
            case null -> Optional.empty();
            case Boolean b -> Optional.of(b);
            case Integer i when i == 0 || i == 1 -> Optional.of(i == 1);
            case Object other -> throw new AdminException(where + ": " + key + " must be true or false, not '" + other + "'");
        };
    }
}

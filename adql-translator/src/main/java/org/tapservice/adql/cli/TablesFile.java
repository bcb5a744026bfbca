package org.tapservice.adql.cli;

import org.tapservice.adql.catalog.AdqlType;
import org.tapservice.adql.catalog.CatalogColumn;
import org.tapservice.adql.catalog.CatalogTable;
import org.tapservice.adql.catalog.MapCatalog;

import java.util.ArrayList;
import java.util.List;

/**
 * The tables {@code adql check} checks a query against, in a text format small enough to write
 * by hand:
 * <pre>
 * # a comment
 * demo.stars
 *     id    BIGINT
 *     ra    DOUBLE
 *     name  VARCHAR(32)
 *     pos   POINT
 * </pre>
 * A line that starts in the first column names a table as {@code schema.table}; the indented
 * lines after it are its columns, a name and an ADQL type each. PostgreSQL names are the ADQL ones.
 */
final class TablesFile {

    private TablesFile() {
    }

    /** @param source how messages name the file */
    static MapCatalog parse(String source, List<String> lines) throws UsageException {
        List<CatalogTable> tables = new ArrayList<>();
        String schema = null;
        String table = null;
        List<CatalogColumn> columns = new ArrayList<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            int comment = line.indexOf('#');
            String content = (comment < 0 ? line : line.substring(0, comment)).stripTrailing();
            if (content.isBlank()) {
                continue;
            }
            String where = source + ":" + number + ": ";
            if (!Character.isWhitespace(content.charAt(0))) {
                if (table != null) {
                    tables.add(new CatalogTable(schema, table, schema, table, columns));
                }
                String[] name = content.split("\\.", -1);
                if (name.length != 2 || name[0].isEmpty() || name[1].isEmpty() || content.contains(" ") || content.contains("\t")) {
                    throw new UsageException(where + "expected a table as schema.table, not '" + content + "'");
                }
                schema = name[0];
                table = name[1];
                columns = new ArrayList<>();
                continue;
            }
            if (table == null) {
                throw new UsageException(where + "a column before any table: start with a line schema.table");
            }
            String[] column = content.strip().split("\\s+", 2);
            if (column.length < 2) {
                throw new UsageException(where + "column '" + column[0] + "' needs a type, e.g. " + column[0] + " DOUBLE");
            }
            try {
                columns.add(new CatalogColumn(column[0], column[0], AdqlType.parse(column[1]).columnType()));
            }
            catch (IllegalArgumentException e) {
                throw new UsageException(where + e.getMessage(), e);
            }
        }
        if (table != null) {
            tables.add(new CatalogTable(schema, table, schema, table, columns));
        }
        return new MapCatalog(tables);
    }
}

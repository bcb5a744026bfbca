package org.tapservice.core.query;

import java.util.List;

import org.tapservice.core.testing.TestDatabase;

/**
 * A published table with a column of every PostgreSQL type a TAP table may hold, described in
 * TAP_SCHEMA as the admin command's publisher describes it, with two rows of values (ordinary
 * ones, then extremes and non-ASCII text) and a row of NULLs.
 */
final class EveryPostgresType {

    /** The columns in table order, as (name, PostgreSQL type, VOTable datatype, arraysize, xtype, unit, UCD). */
    static final List<List<String>> COLUMNS = List.of(
            List.of("id", "integer", "int", "", "", "", "meta.id;meta.main"),
            List.of("small", "smallint", "short", "", "", "", ""),
            List.of("whole", "integer", "int", "", "", "", ""),
            List.of("big", "bigint", "long", "", "", "", ""),
            List.of("single", "real", "float", "", "", "mag", "phot.mag"),
            List.of("dbl", "double precision", "double", "", "", "deg", "pos.eq.ra"),
            List.of("num", "numeric(12,4)", "double", "", "", "", ""),
            List.of("flag", "boolean", "boolean", "", "", "", ""),
            List.of("code", "char(4)", "char", "4", "", "", ""),
            List.of("label", "varchar(16)", "char", "16*", "", "", ""),
            // non-ASCII text is published as unicodeChar: VOTable's char is ASCII
            List.of("note", "text", "unicodeChar", "*", "", "", ""),
            List.of("seen", "timestamp", "char", "*", "timestamp", "", "time.epoch"),
            List.of("day", "date", "char", "*", "timestamp", "", ""),
            List.of("ints", "integer[]", "int", "*", "", "", ""),
            List.of("dbls", "double precision[]", "double", "*", "", "", ""),
            List.of("reals", "real[]", "float", "*", "", "", ""),
            List.of("raw", "bytea", "unsignedByte", "*", "", "", ""),
            List.of("pos", "spoint", "double", "2", "point", "deg", "pos"),
            List.of("cone", "scircle", "double", "3", "circle", "deg", ""),
            List.of("poly", "spoly", "double", "*", "polygon", "deg", ""));

    /** The rows as a typed reader should give them back: Java scalars, strings, primitive arrays. */
    static final List<Object[]> ROWS = List.of(
            new Object[] {1, (short) 7, 42, 1234567890123L, 12.5f, 180.123456789012, 12345.6789, true, "ABCD",
                    "M31 core", "text, with \"quotes\" & <marks>", "2024-01-02T03:04:05.678", "2024-01-02",
                    new int[] {1, 2, 3}, new double[] {1.5, -2.25}, new float[] {0.5f, 2f}, new short[] {0, 255, 128},
                    new double[] {10, 20}, new double[] {10, 20, 0.5}, new double[] {10, 10, 11, 10, 11, 11}},
            new Object[] {2, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, -1e30f, 1e-300, -0.0001, false, "Wxyz",
                    "x", "Ωmega café ☃", "1999-12-31T23:59:59.000", "2000-02-29",
                    new int[] {-1}, new double[] {1e300}, new float[] {-0.5f}, new short[] {1},
                    new double[] {359.5, -89.5}, new double[] {0, 0, 90}, new double[] {0, 0, 1, 0, 0, 1}},
            new Object[] {3, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null});

    private EveryPostgresType() {
    }

    static void install(TestDatabase database) {
        StringBuilder create = new StringBuilder("CREATE SCHEMA types; CREATE TABLE types.every_type (");
        StringBuilder publish = new StringBuilder("""
                INSERT INTO tap_schema.schemas (schema_name) VALUES ('types');
                INSERT INTO tap_schema.tables (schema_name, table_name, table_type, description)
                VALUES ('types', 'types.every_type', 'table', 'One column of every type');
                INSERT INTO tap_schema.columns
                    (table_name, column_name, datatype, arraysize, xtype, unit, ucd, description, column_index) VALUES
                """);
        for (int i = 0; i < COLUMNS.size(); i++) {
            List<String> column = COLUMNS.get(i);
            create.append(i == 0 ? "" : ", ").append(column.get(0)).append(' ').append(column.get(1));
            publish.append(i == 0 ? "" : ",\n").append("('types.every_type', '").append(column.get(0)).append("', '")
                    .append(column.get(2)).append("', ").append(nullable(column.get(3))).append(", ")
                    .append(nullable(column.get(4))).append(", ").append(nullable(column.get(5))).append(", ")
                    .append(nullable(column.get(6))).append(", 'a " + column.get(1) + " column', ").append(i).append(')');
        }
        database.execute(create.append(")").toString());
        database.execute("""
                INSERT INTO types.every_type VALUES
                (1, 7, 42, 1234567890123, 12.5, 180.123456789012, 12345.6789, true, 'ABCD', 'M31 core',
                 'text, with "quotes" & <marks>', '2024-01-02 03:04:05.678', '2024-01-02', '{1,2,3}', '{1.5,-2.25}',
                 '{0.5,2}', '\\x00ff80', spoint(radians(10), radians(20)),
                 scircle(spoint(radians(10), radians(20)), radians(0.5)), spoly '{(10d,10d),(11d,10d),(11d,11d)}'),
                (2, 32767, 2147483647, 9223372036854775807, -1e30, 1e-300, -0.0001, false, 'Wxyz', 'x',
                 'Ωmega café ☃', '1999-12-31 23:59:59', '2000-02-29', '{-1}', '{1e300}', '{-0.5}', '\\x01',
                 spoint(radians(359.5), radians(-89.5)), scircle(spoint(0, 0), radians(90)),
                 spoly '{(0d,0d),(1d,0d),(0d,1d)}'),
                (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                 NULL, NULL, NULL);
                """);
        database.execute(publish.append(";").toString());
    }

    private static String nullable(String text) {
        return text.isEmpty() ? "NULL" : "'" + text + "'";
    }
}

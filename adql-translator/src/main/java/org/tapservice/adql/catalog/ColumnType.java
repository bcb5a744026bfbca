package org.tapservice.adql.catalog;

import java.util.Locale;
import java.util.Optional;

/** The ADQL types of column values and expressions; UNKNOWN when nothing can be said (NULL, user functions). */
public enum ColumnType {
    BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, CHAR, VARCHAR, TIMESTAMP,
    POINT, CIRCLE, POLYGON, REGION, BLOB, CLOB, UNKNOWN;

    public boolean isNumeric() {
        return isExactNumeric() || this == REAL || this == DOUBLE;
    }

    public boolean isExactNumeric() {
        return this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    public boolean isGeometry() {
        return this == POINT || this == CIRCLE || this == POLYGON || this == REGION;
    }

    public boolean isCharacter() {
        return this == CHAR || this == VARCHAR || this == CLOB;
    }

    /**
     * The type of a TAP_SCHEMA column description (TAP 1.1: VOTable datatype, arraysize and
     * xtype; the TAP 1.0 {@code adql:TYPE} datatypes are accepted too).
     */
    public static ColumnType fromVOTable(String datatype, String arraysize, String xtype) {
        String type = normalise(datatype);
        String size = arraysize == null ? "" : arraysize.strip();
        String extended = normalise(xtype);
        if (extended.startsWith("adql:")) {
            extended = extended.substring("adql:".length());
        }
        ColumnType byXtype = switch (extended) {
            case "timestamp" -> TIMESTAMP;
            case "point" -> POINT;
            case "circle" -> CIRCLE;
            case "polygon" -> POLYGON;
            case "region", "moc", "shape" -> REGION;
            case "clob" -> CLOB;
            case "blob" -> BLOB;
            default -> null;
        };
        if (byXtype != null) {
            return byXtype;
        }
        if (type.startsWith("adql:")) {
            return fromAdqlName(type.substring("adql:".length())).orElse(UNKNOWN);
        }
        boolean scalar = size.isEmpty() || size.equals("1");
        return switch (type) {
            case "boolean" -> scalar ? BOOLEAN : UNKNOWN;
            case "unsignedbyte" -> scalar ? SMALLINT : BLOB;
            case "short" -> scalar ? SMALLINT : UNKNOWN;
            case "int" -> scalar ? INTEGER : UNKNOWN;
            case "long" -> scalar ? BIGINT : UNKNOWN;
            case "float" -> scalar ? REAL : UNKNOWN;
            case "double" -> scalar ? DOUBLE : UNKNOWN;
            case "char", "unicodechar" -> size.endsWith("*") ? VARCHAR : CHAR;
            default -> UNKNOWN;
        };
    }

    /**
     * The type an ADQL type name stands for, without a length: TAP 1.0's {@code adql:TYPE}
     * names, and what function signatures write (TEXT, as TAPRegExt's examples do).
     */
    static Optional<ColumnType> fromAdqlName(String name) {
        return Optional.ofNullable(switch (normalise(name)) {
            case "boolean" -> BOOLEAN;
            case "smallint" -> SMALLINT;
            case "integer" -> INTEGER;
            case "bigint" -> BIGINT;
            case "real" -> REAL;
            case "double", "double precision" -> DOUBLE;
            case "char" -> CHAR;
            case "varchar", "text" -> VARCHAR;
            case "timestamp" -> TIMESTAMP;
            case "point" -> POINT;
            case "circle" -> CIRCLE;
            case "polygon" -> POLYGON;
            case "region" -> REGION;
            case "clob" -> CLOB;
            case "blob", "binary", "varbinary" -> BLOB;
            default -> null;
        });
    }

    private static String normalise(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }
}

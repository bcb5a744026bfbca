package org.tapservice.core.upload;

import java.lang.reflect.Array;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.tapservice.core.dali.DaliInstant;

import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.votable.VOStarTable;

/**
 * How a column of an uploaded table is stored in PostgreSQL and described to the query: the
 * SQL type of its temporary column, the VOTable datatype, arraysize and xtype its FIELD carries
 * in results, and how a value is written in COPY's text format.
 *
 * <p>DALI geometry (double arrays with xtype point, circle or polygon, in degrees) becomes
 * pgsphere's spoint, scircle and spoly, so that an uploaded position list can be crossmatched
 * with CONTAINS and DISTANCE like any published table. A NaN float or double is stored as NULL:
 * VOTable has no other null for them, and PostgreSQL would sort NaN above every number, so
 * that {@code mag > 20} would select it.
 */
enum UploadType {

    BOOLEAN("boolean", "boolean", null, null),
    SMALLINT("smallint", "short", null, null),
    INTEGER("integer", "int", null, null),
    BIGINT("bigint", "long", null, null),
    REAL("real", "float", null, null),
    DOUBLE("double precision", "double", null, null),
    CHARACTER("text", "char", null, null),
    TEXT("text", "char", "*", null),
    UNICODE_TEXT("text", "unicodeChar", "*", null),
    TIMESTAMP("timestamp", "char", "*", "timestamp"),
    POINT("spoint", "double", "2", "point"),
    CIRCLE("scircle", "double", "3", "circle"),
    POLYGON("spoly", "double", "*", "polygon"),
    BOOLEAN_ARRAY("boolean[]", "boolean", "*", null),
    SMALLINT_ARRAY("smallint[]", "short", "*", null),
    INTEGER_ARRAY("integer[]", "int", "*", null),
    BIGINT_ARRAY("bigint[]", "long", "*", null),
    REAL_ARRAY("real[]", "float", "*", null),
    DOUBLE_ARRAY("double precision[]", "double", "*", null);

    /**
     * xtypes that change what a column is to the translator (geometry, timestamps, large
     * objects): an upload keeps one only where its type stands for it.
     */
    private static final Set<String> TYPE_XTYPES = Set.of("timestamp", "point", "circle", "polygon", "region",
            "moc", "shape", "clob", "blob");

    private final String sqlType;
    private final String datatype;
    private final String arraysize;
    private final String xtype;

    UploadType(String sqlType, String datatype, String arraysize, String xtype) {
        this.sqlType = sqlType;
        this.datatype = datatype;
        this.arraysize = arraysize;
        this.xtype = xtype;
    }

    String sqlType() {
        return sqlType;
    }

    String datatype() {
        return datatype;
    }

    String arraysize() {
        return arraysize;
    }

    /** The xtype of the column's FIELD: this type's own, else the upload's when it changes nothing. */
    String xtype(ColumnInfo column) {
        if (xtype != null) {
            return xtype;
        }
        String declared = column.getXtype();
        return declared == null || TYPE_XTYPES.contains(bare(declared)) ? null : declared;
    }

    /** The type for a column as STIL read it; empty when PostgreSQL cannot hold its values. */
    static Optional<UploadType> of(ColumnInfo column) {
        Class<?> type = column.getContentClass();
        String xtype = column.getXtype() == null ? "" : bare(column.getXtype());
        int[] shape = column.getShape();
        if (type.isArray() && shape != null && shape.length > 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (type.getSimpleName()) {
            case "Boolean" -> BOOLEAN;
            case "Byte", "Short" -> SMALLINT;
            case "Integer" -> INTEGER;
            case "Long" -> BIGINT;
            case "Float" -> REAL;
            case "Double" -> DOUBLE;
            case "Character" -> CHARACTER;
            // text is unicodeChar unless the upload itself declared VOTable's ASCII char: a CSV or
            // FITS column says nothing about its characters
            case "String" -> xtype.equals("timestamp") ? TIMESTAMP
                    : "char".equals(column.getAuxDatumValue(VOStarTable.DATATYPE_INFO, String.class))
                    ? TEXT : UNICODE_TEXT;
            case "double[]", "float[]" -> switch (xtype) {
                case "point" -> POINT;
                case "circle" -> CIRCLE;
                case "polygon" -> POLYGON;
                default -> type == double[].class ? DOUBLE_ARRAY : REAL_ARRAY;
            };
            case "boolean[]" -> BOOLEAN_ARRAY;
            case "byte[]", "short[]" -> SMALLINT_ARRAY;
            case "int[]" -> INTEGER_ARRAY;
            case "long[]" -> BIGINT_ARRAY;
            default -> null;
        });
    }

    /**
     * Appends a non-null value in COPY's text format.
     *
     * @return false when the value stands for NULL (a NaN number, a point of NaNs), with
     *         nothing appended
     * @throws IllegalArgumentException when PostgreSQL could not store the value, saying why
     */
    boolean append(Object value, StringBuilder copy) {
        return switch (this) {
            case BOOLEAN -> {
                copy.append((Boolean) value ? 't' : 'f');
                yield true;
            }
            case SMALLINT, INTEGER, BIGINT -> {
                copy.append(((Number) value).longValue());
                yield true;
            }
            case REAL, DOUBLE -> {
                double number = ((Number) value).doubleValue();
                if (Double.isNaN(number)) {
                    yield false;
                }
                // Float's own text, not the double it widens to: 1.1f stays 1.1
                copy.append(value instanceof Float f ? Float.toString(f) : Double.toString(number));
                yield true;
            }
            case CHARACTER, TEXT, UNICODE_TEXT -> {
                appendText(value.toString(), copy);
                yield true;
            }
            case TIMESTAMP -> {
                String text = value.toString();
                if (text.isBlank()) {
                    yield false;
                }
                copy.append(LocalDateTime.ofInstant(DaliInstant.parse(text), ZoneOffset.UTC));
                yield true;
            }
            case POINT -> Geometry.point(coordinates(value), copy);
            case CIRCLE -> Geometry.circle(coordinates(value), copy);
            case POLYGON -> Geometry.polygon(coordinates(value), copy);
            case BOOLEAN_ARRAY, SMALLINT_ARRAY, INTEGER_ARRAY, BIGINT_ARRAY, REAL_ARRAY, DOUBLE_ARRAY -> {
                appendArray(value, copy);
                yield true;
            }
        };
    }

    /** COPY's text escapes: backslash, and the characters that end a field or a row. */
    private static void appendText(String text, StringBuilder copy) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> copy.append("\\\\");
                case '\t' -> copy.append("\\t");
                case '\n' -> copy.append("\\n");
                case '\r' -> copy.append("\\r");
                case '\0' -> throw new IllegalArgumentException("the text holds a NUL character, which PostgreSQL "
                        + "cannot store");
                default -> copy.append(c);
            }
        }
    }

    /** A PostgreSQL array literal of numbers or booleans: {1,2,3}; NaN stays NaN inside an array. */
    private static void appendArray(Object array, StringBuilder copy) {
        copy.append('{');
        for (int i = 0, length = Array.getLength(array); i < length; i++) {
            if (i > 0) {
                copy.append(',');
            }
            Object element = Array.get(array, i);
            copy.append(element instanceof Boolean b ? (b ? "t" : "f") : element.toString());
        }
        copy.append('}');
    }

    private static double[] coordinates(Object value) {
        if (value instanceof double[] doubles) {
            return doubles;
        }
        float[] floats = (float[]) value;
        double[] doubles = new double[floats.length];
        for (int i = 0; i < floats.length; i++) {
            doubles[i] = floats[i];
        }
        return doubles;
    }

    private static String bare(String xtype) {
        String lower = xtype.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("adql:") ? lower.substring("adql:".length()) : lower;
    }
}

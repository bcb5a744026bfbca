package org.tapservice.core.query;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.postgresql.util.ByteConverter;
import org.tapservice.votable.ColumnMetadata;

/**
 * Reads one JDBC column as the Java type its FIELD declares ({@link ColumnMetadata#contentClass()}),
 * chosen once per column so the per-row work is a primitive getter and a null check.
 */
@FunctionalInterface
interface ColumnReader {

    Object read(ResultSet row, int index) throws SQLException;

    /**
     * @param sqlType the PostgreSQL type name of the column (ResultSetMetaData's
     *                getColumnTypeName), which tells timestamps with a time zone from those without
     * @param binary  whether the column's values arrive in PostgreSQL's binary form (a cursor's
     *                results do), not as text
     */
    static ColumnReader forColumn(ColumnMetadata column, String sqlType, boolean binary) {
        if (column.contentClass() == byte[].class && sqlType.equals("bytea")) {
            return ResultSet::getBytes; // bytea is unsignedByte[*] but not an SQL array
        }
        if (column.arraysize() != null && column.contentClass().isArray()) {
            Class<?> target = column.contentClass();
            return (row, index) -> readArray(row, index, target);
        }
        return switch (column.datatype()) {
            case BOOLEAN, BIT -> (row, index) -> nullable(row, row.getBoolean(index));
            case UNSIGNED_BYTE, SHORT -> (row, index) -> nullable(row, row.getShort(index));
            case INT -> (row, index) -> nullable(row, row.getInt(index));
            case LONG -> (row, index) -> nullable(row, row.getLong(index));
            case FLOAT -> (row, index) -> nullable(row, row.getFloat(index));
            case DOUBLE -> (row, index) -> nullable(row, row.getDouble(index));
            case CHAR, UNICODE_CHAR -> {
                if ("timestamp".equals(column.xtype())) {
                    yield timestampReader(sqlType, binary);
                }
                // a region stored as text (STC-S already) is passed on as it is
                yield StcsRegion.isRegion(column.xtype()) && StcsRegion.isPgSphere(sqlType)
                        ? ColumnReader::readRegion : ResultSet::getString;
            }
            default -> ResultSet::getObject;
        };
    }

    private static Object nullable(ResultSet row, Object value) throws SQLException {
        return row.wasNull() ? null : value;
    }

    private static Object readRegion(ResultSet row, int index) throws SQLException {
        String shape = row.getString(index);
        return shape == null ? null : StcsRegion.fromPgSphere(shape).orElse(null);
    }

    /**
     * Typed getters: pgjdbc then decodes without the Calendar arithmetic of java.sql.Timestamp.
     * PostgreSQL's {@code infinity} and {@code -infinity} (pgjdbc's MAX and MIN) are written as
     * empty values: a DALI timestamp has no word for them, and any date put in their place would
     * be a lie a client cannot tell from data.
     */
    private static ColumnReader timestampReader(String sqlType, boolean binary) {
        if (binary && (sqlType.equals("timestamp") || sqlType.equals("timestamptz"))) {
            return ColumnReader::binaryTimestamp;
        }
        return switch (sqlType) {
            case "timestamp" -> (row, index) -> {
                LocalDateTime time = row.getObject(index, LocalDateTime.class);
                return time == null || time.equals(LocalDateTime.MAX) || time.equals(LocalDateTime.MIN) ? null
                        : DaliTimestamp.format(time);
            };
            case "timestamptz" -> (row, index) -> {
                OffsetDateTime time = row.getObject(index, OffsetDateTime.class);
                return time == null || time.equals(OffsetDateTime.MAX) || time.equals(OffsetDateTime.MIN) ? null
                        : DaliTimestamp.format(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
            };
            case "date" -> (row, index) -> {
                LocalDate date = row.getObject(index, LocalDate.class);
                return date == null || date.equals(LocalDate.MAX) || date.equals(LocalDate.MIN) ? null
                        : DaliTimestamp.format(date);
            };
            // text already in ISO form, or a type we cannot interpret: passed on as it is
            default -> ResultSet::getString;
        };
    }

    /**
     * A binary timestamp (a timestamptz's is in UTC already) formatted from its eight bytes:
     * pgjdbc's LocalDateTime and its formatting cost more than the rest of a row.
     */
    private static Object binaryTimestamp(ResultSet row, int index) throws SQLException {
        byte[] value = row.getBytes(index);
        return value == null ? null : DaliTimestamp.formatPostgresTimestamp(ByteConverter.int8(value, 0));
    }

    /** PostgreSQL arrays arrive boxed; FIELDs with an arraysize want primitive arrays. */
    private static Object readArray(ResultSet row, int index, Class<?> target) throws SQLException {
        Array array = row.getArray(index);
        if (array == null) {
            return null;
        }
        try {
            Object elements = array.getArray();
            return target.isInstance(elements) ? elements : PrimitiveArrays.convert((Object[]) elements, target);
        } finally {
            array.free();
        }
    }
}

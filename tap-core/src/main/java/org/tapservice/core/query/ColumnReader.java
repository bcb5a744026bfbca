package org.tapservice.core.query;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.tapservice.votable.ColumnMetadata;

/**
 * Reads one JDBC column as the Java type its FIELD declares ({@link ColumnMetadata#contentClass()}),
 * chosen once per column so the per-row work is a primitive getter and a null check.
 */
@FunctionalInterface
interface ColumnReader {

    Object read(ResultSet row, int index) throws SQLException;

    /** DALI timestamps: ISO 8601 in UTC without a zone designator. */
    DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    static ColumnReader forColumn(ColumnMetadata column) {
        if (column.arraysize() != null && column.contentClass().isArray()) {
            return ColumnReader::readArray;
        }
        return switch (column.datatype()) {
            case BOOLEAN, BIT -> (row, index) -> nullable(row, row.getBoolean(index));
            case UNSIGNED_BYTE, SHORT -> (row, index) -> nullable(row, row.getShort(index));
            case INT -> (row, index) -> nullable(row, row.getInt(index));
            case LONG -> (row, index) -> nullable(row, row.getLong(index));
            case FLOAT -> (row, index) -> nullable(row, row.getFloat(index));
            case DOUBLE -> (row, index) -> nullable(row, row.getDouble(index));
            case CHAR, UNICODE_CHAR -> "timestamp".equals(column.xtype())
                    ? ColumnReader::readTimestamp : ResultSet::getString;
            default -> ResultSet::getObject;
        };
    }

    private static Object nullable(ResultSet row, Object value) throws SQLException {
        return row.wasNull() ? null : value;
    }

    private static Object readTimestamp(ResultSet row, int index) throws SQLException {
        Object value = row.getObject(index);
        return switch (value) {
            case null -> null;
            case Timestamp timestamp -> TIMESTAMP.format(timestamp.toLocalDateTime());
            case OffsetDateTime time -> TIMESTAMP.format(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
            case LocalDateTime time -> TIMESTAMP.format(time);
            case java.sql.Date date -> date.toLocalDate().toString();
            case LocalDate date -> date.toString();
            default -> value.toString();
        };
    }

    /** PostgreSQL arrays arrive boxed; FIELDs with an arraysize want primitive arrays. */
    private static Object readArray(ResultSet row, int index) throws SQLException {
        Array array = row.getArray(index);
        if (array == null) {
            return null;
        }
        try {
            return PrimitiveArrays.unbox(array.getArray());
        } finally {
            array.free();
        }
    }
}

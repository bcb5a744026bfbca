package org.tapservice.core.query;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.postgresql.util.ByteConverter;
import org.tapservice.votable.ColumnMetadata;

/**
 * Decodes one column's non-NULL field of PostgreSQL's binary COPY format (each type's binary
 * send form, big-endian) into the value {@link ColumnReader} reads for the same column through
 * JDBC: the same Java type, the same text for timestamps. Only the pairs of PostgreSQL type and
 * FIELD datatype where that holds exactly have a decoder; a result with any other column is
 * read through JDBC.
 */
@FunctionalInterface
interface CopyFieldDecoder {

    /** The value of a field of {@code length} bytes at {@code offset}. */
    Object decode(byte[] data, int offset, int length);

    /**
     * A decoder per column, in order, if every column has one.
     *
     * @param types the result's JDBC description, for each column's PostgreSQL type name
     */
    static Optional<CopyFieldDecoder[]> forColumns(List<ColumnMetadata> columns, ResultSetMetaData types)
            throws SQLException {
        CopyFieldDecoder[] decoders = new CopyFieldDecoder[columns.size()];
        for (int i = 0; i < decoders.length; i++) {
            Optional<CopyFieldDecoder> decoder = forColumn(columns.get(i), types.getColumnTypeName(i + 1));
            if (decoder.isEmpty()) {
                return Optional.empty();
            }
            decoders[i] = decoder.get();
        }
        return Optional.of(decoders);
    }

    /**
     * @param sqlType the column's PostgreSQL type name, as ResultSetMetaData's getColumnTypeName
     *                gives it
     */
    static Optional<CopyFieldDecoder> forColumn(ColumnMetadata column, String sqlType) {
        Class<?> content = column.contentClass();
        boolean timestamp = "timestamp".equals(column.xtype());
        return Optional.ofNullable(switch (sqlType) {
            case "bool" -> content == Boolean.class ? (data, offset, length) -> data[offset] != 0 : null;
            case "int2" -> integer(content, Short.SIZE, ByteConverter::int2);
            case "int4" -> integer(content, Integer.SIZE, ByteConverter::int4);
            case "int8" -> integer(content, Long.SIZE, ByteConverter::int8);
            case "float4" -> content == Float.class ? (data, offset, length) -> ByteConverter.float4(data, offset)
                    : content == Double.class ? (data, offset, length) -> (double) ByteConverter.float4(data, offset)
                    : null;
            case "float8" -> content == Double.class ? (data, offset, length) -> ByteConverter.float8(data, offset) : null;
            // in the client encoding, which pgjdbc sets to UTF-8
            case "text", "varchar", "bpchar", "name" -> content == String.class
                    ? (data, offset, length) -> new String(data, offset, length, StandardCharsets.UTF_8) : null;
            case "timestamp", "timestamptz" -> content == String.class && timestamp
                    ? (data, offset, length) -> DaliTimestamp.formatPostgresTimestamp(ByteConverter.int8(data, offset))
                    : null;
            case "date" -> content == String.class && timestamp
                    ? (data, offset, length) -> DaliTimestamp.formatPostgresDate(ByteConverter.int4(data, offset))
                    : null;
            case "bytea" -> content == byte[].class
                    ? (data, offset, length) -> Arrays.copyOfRange(data, offset, offset + length) : null;
            default -> null;
        });
    }

    /** An integer field of {@code bits} bits, if the column's class holds every such value. */
    private static CopyFieldDecoder integer(Class<?> content, int bits, IntegerField field) {
        if (content == Short.class && bits <= Short.SIZE) {
            return (data, offset, length) -> (short) field.read(data, offset);
        }
        if (content == Integer.class && bits <= Integer.SIZE) {
            return (data, offset, length) -> (int) field.read(data, offset);
        }
        return content == Long.class ? (data, offset, length) -> field.read(data, offset) : null;
    }

    @FunctionalInterface
    interface IntegerField {
        long read(byte[] data, int offset);
    }
}

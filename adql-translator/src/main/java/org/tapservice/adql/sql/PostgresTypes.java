package org.tapservice.adql.sql;

import org.tapservice.adql.catalog.ColumnType;

/** PostgreSQL spellings of the ADQL scalar types. */
final class PostgresTypes {

    private PostgresTypes() {
    }

    static String name(ColumnType type) {
        return switch (type) {
            case BOOLEAN -> "boolean";
            case SMALLINT -> "smallint";
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            case REAL -> "real";
            case DOUBLE -> "double precision";
            case CHAR -> "char";
            case VARCHAR, CLOB -> "varchar";
            case TIMESTAMP -> "timestamp";
            case BLOB -> "bytea";
            case POINT, CIRCLE, POLYGON, REGION, UNKNOWN -> throw new IllegalArgumentException("no scalar PostgreSQL type for " + type);
        };
    }
}

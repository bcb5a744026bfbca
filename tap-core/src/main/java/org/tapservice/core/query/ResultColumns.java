package org.tapservice.core.query;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tapservice.adql.OutputColumn;
import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.core.schema.ColumnDescription;
import org.tapservice.core.schema.DescribedCatalog;
import org.tapservice.votable.ColumnMetadata;
import org.tapservice.votable.Datatype;

/**
 * The FIELD metadata of a result. A column selected as it is carries everything TAP_SCHEMA
 * says of it (datatype, arraysize, unit, UCD, utype, xtype, description); a computed column
 * gets the type the translator inferred, or failing that the one PostgreSQL reports.
 */
final class ResultColumns {

    private ResultColumns() {
    }

    static List<ColumnMetadata> describe(List<OutputColumn> columns, DescribedCatalog catalog,
                                         ResultSetMetaData jdbc) throws SQLException {
        List<ColumnMetadata> result = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            OutputColumn column = columns.get(i);
            Optional<ColumnDescription> published = column.source()
                    .flatMap(source -> catalog.describe(source.column()));
            result.add(published.isPresent()
                    ? fromTapSchema(column.name(), published.get())
                    : computed(column.name(), column.type(), jdbc.getColumnType(i + 1)));
        }
        return result;
    }

    private static ColumnMetadata fromTapSchema(String name, ColumnDescription column) {
        try {
            return new ColumnMetadata(name, Datatype.fromVOTable(column.datatype()), column.arraysize(),
                    column.xtype(), column.unit(), column.ucd(), column.utype(), column.description());
        } catch (IllegalArgumentException notVOTable) {
            // TAP 1.0 TAP_SCHEMAs hold ADQL type names (adql:DOUBLE, VARCHAR, ...) instead.
            ColumnMetadata typed = computed(name,
                    ColumnType.fromVOTable(column.datatype(), column.arraysize(), column.xtype()), Types.OTHER);
            return new ColumnMetadata(name, typed.datatype(), typed.arraysize(), typed.xtype(), column.unit(),
                    column.ucd(), column.utype(), column.description());
        }
    }

    private static ColumnMetadata computed(String name, ColumnType type, int jdbcType) {
        return switch (type) {
            case BOOLEAN -> field(name, Datatype.BOOLEAN, null, null);
            case SMALLINT -> field(name, Datatype.SHORT, null, null);
            case INTEGER -> field(name, Datatype.INT, null, null);
            case BIGINT -> field(name, Datatype.LONG, null, null);
            case REAL -> field(name, Datatype.FLOAT, null, null);
            case DOUBLE -> field(name, Datatype.DOUBLE, null, null);
            case CHAR, VARCHAR, CLOB -> field(name, Datatype.CHAR, "*", null);
            case TIMESTAMP -> field(name, Datatype.CHAR, "*", "timestamp");
            case POINT -> field(name, Datatype.DOUBLE, "2", "point");
            case CIRCLE -> field(name, Datatype.DOUBLE, "3", "circle");
            case POLYGON -> field(name, Datatype.DOUBLE, "*", "polygon");
            case REGION -> field(name, Datatype.CHAR, "*", "shape");
            case BLOB -> field(name, Datatype.UNSIGNED_BYTE, "*", null);
            case UNKNOWN -> fromJdbc(name, jdbcType);
        };
    }

    private static ColumnMetadata fromJdbc(String name, int jdbcType) {
        return switch (jdbcType) {
            case Types.BOOLEAN, Types.BIT -> field(name, Datatype.BOOLEAN, null, null);
            case Types.SMALLINT, Types.TINYINT -> field(name, Datatype.SHORT, null, null);
            case Types.INTEGER -> field(name, Datatype.INT, null, null);
            case Types.BIGINT -> field(name, Datatype.LONG, null, null);
            case Types.REAL -> field(name, Datatype.FLOAT, null, null);
            case Types.DOUBLE, Types.FLOAT, Types.NUMERIC, Types.DECIMAL -> field(name, Datatype.DOUBLE, null, null);
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE ->
                    field(name, Datatype.CHAR, "*", "timestamp");
            default -> field(name, Datatype.CHAR, "*", null);
        };
    }

    private static ColumnMetadata field(String name, Datatype datatype, String arraysize, String xtype) {
        return new ColumnMetadata(name, datatype, arraysize, xtype, null, null, null, null);
    }
}

package org.tapservice.core.query;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.tapservice.adql.OutputColumn;
import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.core.schema.ColumnDescription;
import org.tapservice.core.schema.DescribedCatalog;
import org.tapservice.votable.ColumnMetadata;
import org.tapservice.votable.Datatype;
import org.tapservice.votable.Frame;

/**
 * The FIELD metadata of a result. A column selected as it is carries everything TAP_SCHEMA
 * says of it (datatype, arraysize, unit, UCD, utype, xtype, description); a computed column
 * gets the type the translator inferred, or failing that the one PostgreSQL reports, and a
 * computed geometry the unit DALI gives every geometry value, degrees. A computed string is
 * unicodeChar: nothing says it is ASCII, which is all VOTable's char may hold.
 *
 * <p>Both get a frame where their values have one: positions (DALI geometry xtypes and
 * equatorial UCDs, {@code pos.eq*}) are ICRS, since the translator takes every position to be
 * ICRS and accepts no other coordinate system; DALI timestamps are UTC.
 */
final class ResultColumns {

    /** DALI 1.1 section 3.3: the geometry xtypes, whose values are ICRS degrees here. */
    private static final Set<String> GEOMETRY_XTYPES = Set.of("point", "circle", "polygon");

    private ResultColumns() {
    }

    static List<ColumnMetadata> describe(List<OutputColumn> columns, DescribedCatalog catalog,
                                         ResultSetMetaData jdbc) throws SQLException {
        List<ColumnMetadata> result = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            OutputColumn column = columns.get(i);
            Optional<ColumnDescription> published = column.source()
                    .flatMap(source -> catalog.describe(source.column()));
            ColumnMetadata field = published.isPresent()
                    ? fromTapSchema(column.name(), published.get())
                    : computed(column.name(), column.type(), jdbc.getColumnType(i + 1));
            result.add(field.inFrame(frame(field)));
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
            // a computed string may hold any character, which VOTable's char (ASCII) cannot
            case CHAR, VARCHAR, CLOB -> field(name, Datatype.UNICODE_CHAR, "*", null);
            case TIMESTAMP -> field(name, Datatype.CHAR, "*", "timestamp");
            case POINT -> geometry(name, "2", "point");
            case CIRCLE -> geometry(name, "3", "circle");
            case POLYGON -> geometry(name, "*", "polygon");
            // pgsphere values of any shape, written as STC-S (StcsRegion), as TAP 1.0 has REGION
            case REGION -> field(name, Datatype.CHAR, "*", "adql:REGION");
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
            default -> field(name, Datatype.UNICODE_CHAR, "*", null);
        };
    }

    private static Frame frame(ColumnMetadata field) {
        if ("timestamp".equals(field.xtype())) {
            return Frame.UTC;
        }
        boolean geometry = field.xtype() != null && GEOMETRY_XTYPES.contains(field.xtype());
        boolean equatorial = field.ucd() != null && field.ucd().strip().startsWith("pos.eq");
        return geometry || equatorial ? Frame.ICRS : null;
    }

    private static ColumnMetadata geometry(String name, String arraysize, String xtype) {
        return new ColumnMetadata(name, Datatype.DOUBLE, arraysize, xtype, "deg", null, null, null);
    }

    private static ColumnMetadata field(String name, Datatype datatype, String arraysize, String xtype) {
        return new ColumnMetadata(name, datatype, arraysize, xtype, null, null, null, null);
    }
}

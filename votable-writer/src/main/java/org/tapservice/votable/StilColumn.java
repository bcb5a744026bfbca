package org.tapservice.votable;

import java.util.List;
import java.util.stream.IntStream;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.DescribedValue;
import uk.ac.starlink.table.Tables;
import uk.ac.starlink.votable.VOStarTable;

/**
 * One result column as STIL sees it. STIL chooses the VOTable datatype and arraysize from a
 * column's Java class and shape, so this is where our datatype is turned into the class, shape
 * and flags that make STIL write exactly it; and where cursor values are checked against (and
 * if need be converted to) that class, once per cell, before STIL's encoders see them.
 */
final class StilColumn {

    private final ColumnMetadata metadata;
    private final Class<?> cursorClass;
    private final ColumnInfo info;

    /**
     * @param id  the FIELD's ID attribute, unique in the document ({@link FieldIds})
     */
    StilColumn(ColumnMetadata metadata, String id) {
        this.metadata = metadata;
        this.cursorClass = metadata.contentClass();
        this.info = describe(metadata, id);
    }

    /** The columns of a table, each with its FIELD ID. */
    static List<StilColumn> of(List<ColumnMetadata> columns) {
        List<String> ids = FieldIds.of(columns);
        return IntStream.range(0, columns.size()).mapToObj(i -> new StilColumn(columns.get(i), ids.get(i))).toList();
    }

    ColumnInfo info() {
        return new ColumnInfo(info); // STIL's ColumnInfo is mutable: hand out copies
    }

    /**
     * The cell as STIL's encoder for this column expects it.
     *
     * @throws IllegalStateException if the cursor broke its contract on the value's type
     */
    Object toStil(Object cell) {
        if (cell == null) {
            return null;
        }
        if (!cursorClass.isInstance(cell)) {
            throw new IllegalStateException("column '" + metadata.name() + "' (" + metadata.datatype().voName()
                    + ") needs " + cursorClass.getSimpleName() + " values, the cursor gave "
                    + cell.getClass().getName());
        }
        return cell instanceof byte[] bytes ? unsigned(bytes) : cell;
    }

    private static ColumnInfo describe(ColumnMetadata column, String id) {
        ColumnInfo info = new ColumnInfo(column.name(), stilClass(column), column.description());
        info.setAuxDatum(new DescribedValue(VOStarTable.ID_INFO, id));
        info.setUnitString(column.unit());
        info.setUCD(column.ucd());
        info.setUtype(column.utype());
        info.setXtype(column.xtype());
        info.setNullable(true);
        ArraySize shape = column.shape();
        switch (column.datatype()) {
            case CHAR, UNICODE_CHAR -> info.setElementSize(stringLength(shape));
            // STIL has no complex type: a complex is written as its two parts, an extra first dimension
            case FLOAT_COMPLEX, DOUBLE_COMPLEX -> info.setShape(shape.prepend(2).dims());
            default -> info.setShape(shape.isScalar() ? null : shape.dims());
        }
        if (column.datatype() == Datatype.UNICODE_CHAR) {
            info.setAuxDatum(new DescribedValue(VOStarTable.DATATYPE_INFO, "unicodeChar"));
        }
        switch (column.frame()) {
            case null -> { }
            // STIL writes a COOSYS or TIMESYS for these and points the FIELD's ref at it
            case Frame.Coordinates coosys -> {
                info.setAuxDatum(new DescribedValue(VOStarTable.COOSYS_SYSTEM_INFO, coosys.system()));
                if (coosys.epoch() != null) {
                    info.setAuxDatum(new DescribedValue(VOStarTable.COOSYS_EPOCH_INFO, coosys.epoch()));
                }
            }
            case Frame.Time timesys -> {
                info.setAuxDatum(new DescribedValue(VOStarTable.TIMESYS_TIMESCALE_INFO, timesys.timescale()));
                info.setAuxDatum(new DescribedValue(VOStarTable.TIMESYS_REFPOSITION_INFO, timesys.refposition()));
            }
        }
        if (column.datatype() == Datatype.UNSIGNED_BYTE) {
            // STIL writes Short/short[] as unsignedByte only when flagged, else as short
            info.setAuxDatum(new DescribedValue(Tables.UBYTE_FLAG_INFO, Boolean.TRUE));
        }
        return info;
    }

    // STIL keeps unsigned bytes widened to short; byte[] would be written as (signed) short.
    private static Class<?> stilClass(ColumnMetadata column) {
        return column.contentClass() == byte[].class ? short[].class : column.contentClass();
    }

    /**
     * A string column's fixed length in characters, or -1 for variable. STIL writes a String
     * column as one dimension, so a bound ("16*") and extra dimensions ("8x*") are both written
     * as variable length ("*"): the bytes are the same and the bound is only advisory.
     */
    private static int stringLength(ArraySize shape) {
        int[] dims = shape.dims();
        if (dims.length == 0) {
            return 1;
        }
        return dims.length == 1 ? dims[0] : ArraySize.VARIABLE;
    }

    private static short[] unsigned(byte[] bytes) {
        short[] widened = new short[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            widened[i] = (short) Byte.toUnsignedInt(bytes[i]);
        }
        return widened;
    }
}

package org.tapservice.votable;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Result tables the tests write. */
final class SampleTables {

    private SampleTables() {
    }

    /** One column of every datatype and shape, with full metadata. */
    static final List<ColumnMetadata> EVERY_DATATYPE = List.of(
            new ColumnMetadata("flag", Datatype.BOOLEAN, null, null, null, "meta.code", "t:flag", "a boolean"),
            new ColumnMetadata("quality", Datatype.UNSIGNED_BYTE, null, null, null, "meta.code.qual", null, "an unsigned byte"),
            new ColumnMetadata("band", Datatype.SHORT, null, null, null, null, null, "a short"),
            new ColumnMetadata("obs_count", Datatype.INT, null, null, "ct", null, null, null),
            new ColumnMetadata("source_id", Datatype.LONG, null, null, null, "meta.id;meta.main", "t:id", "a long"),
            new ColumnMetadata("mag", Datatype.FLOAT, null, null, "mag", "phot.mag", null, "a float"),
            new ColumnMetadata("ra", Datatype.DOUBLE, null, null, "deg", "pos.eq.ra;meta.main", "stc:ra", "a double <&>"),
            new ColumnMetadata("name", Datatype.CHAR, "*", null, null, "meta.id", null, "variable-length ASCII"),
            new ColumnMetadata("code", Datatype.CHAR, "4", null, null, null, null, "fixed-length ASCII"),
            new ColumnMetadata("grade", Datatype.CHAR, null, null, null, null, null, "a single character"),
            new ColumnMetadata("label", Datatype.UNICODE_CHAR, "*", null, null, null, null, "unicode text"),
            new ColumnMetadata("obs_time", Datatype.CHAR, "*", "timestamp", null, "time.epoch", null, "an xtyped string"),
            new ColumnMetadata("spectrum", Datatype.DOUBLE, "*", null, "Jy", null, null, "a variable double array"),
            new ColumnMetadata("bounds", Datatype.INT, "3", null, null, null, null, "a fixed int array"),
            new ColumnMetadata("matrix", Datatype.FLOAT, "2x2", null, null, null, null, "a 2-d float array"),
            new ColumnMetadata("counts", Datatype.LONG, "4*", null, null, null, null, "a bounded long array"),
            new ColumnMetadata("pixels", Datatype.UNSIGNED_BYTE, "*", null, null, null, null, "bytes"),
            new ColumnMetadata("shorts", Datatype.SHORT, "2", null, null, null, null, "a short array"),
            new ColumnMetadata("region", Datatype.DOUBLE, "*", "polygon", "deg", "pos.outline", null, "a DALI polygon"));

    static List<Object[]> everyDatatypeRows() {
        return List.of(
                new Object[] {true, (short) 200, (short) -7, 42, 1234567890123L, 12.5f, 180.123456789012,
                        "M31", "ABCD", "x", "Ångström ☃ 日本", "2024-01-02T03:04:05.678",
                        new double[] {1.5, -2.25, Double.MAX_VALUE}, new int[] {1, 2, 3},
                        new float[] {1f, 2f, 3f, 4f}, new long[] {Long.MAX_VALUE, -1L},
                        new byte[] {0, 127, (byte) 128, (byte) 255}, new short[] {Short.MIN_VALUE, Short.MAX_VALUE},
                        new double[] {10, 10, 11, 10, 11, 11}},
                new Object[] {false, (short) 0, Short.MAX_VALUE, Integer.MAX_VALUE, -1L, -0.5f, -90.0,
                        "has \"quotes\", commas <and> & ampersands", "WXYZ", "y", "plain", "2000-01-01",
                        new double[] {0.0}, new int[] {-1, 0, 1}, new float[] {0f, -0f, 1e-30f, 1e30f},
                        new long[] {7L}, new byte[] {1}, new short[] {0, 1}, new double[] {1, 2, 3, 4, 5, 6}},
                nullRow(EVERY_DATATYPE.size()));
    }

    static ResultTable everyDatatype() {
        return new ResultTable(EVERY_DATATYPE, ListCursor.of(everyDatatypeRows()));
    }

    /** One long column numbered 0, 1, 2, ... */
    static List<ColumnMetadata> counterColumns() {
        return List.of(ColumnMetadata.of("n", Datatype.LONG, null));
    }

    static List<Object[]> counterRows(int count) {
        List<Object[]> rows = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> rows.add(new Object[] {(long) i}));
        return rows;
    }

    private static Object[] nullRow(int columns) {
        return new Object[columns];
    }
}

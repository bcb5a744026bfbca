package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.ac.starlink.table.StarTable;

/**
 * BINARY and BINARY2 rows encoded directly, without STIL's per-cell encoders, are byte for byte
 * the document STIL writes for the same table: every datatype and shape the direct encoding
 * takes, NULL in each, the extremes of each type, empty and non-ASCII text, cells larger than
 * an encoding block, MAXREC overflow and a cursor failing mid-stream.
 */
class DirectBinaryEncodingTest {

    /** Every column kind the direct encoding takes: scalars, strings of each length, numeric arrays. */
    static final List<ColumnMetadata> DIRECT_COLUMNS = List.of(
            new ColumnMetadata("flag", Datatype.BOOLEAN, null, null, null, "meta.code", null, "a boolean"),
            ColumnMetadata.of("band", Datatype.SHORT, null),
            new ColumnMetadata("obs_count", Datatype.INT, null, null, "ct", null, null, null),
            new ColumnMetadata("source_id", Datatype.LONG, null, null, null, "meta.id;meta.main", "t:id", "a long"),
            new ColumnMetadata("mag", Datatype.FLOAT, null, null, "mag", "phot.mag", null, "a float"),
            new ColumnMetadata("ra", Datatype.DOUBLE, null, null, "deg", "pos.eq.ra;meta.main", null, "a double")
                    .inFrame(Frame.ICRS),
            ColumnMetadata.of("name", Datatype.CHAR, "*"),
            ColumnMetadata.of("code", Datatype.CHAR, "4"),
            ColumnMetadata.of("grade", Datatype.CHAR, null),
            ColumnMetadata.of("bounded", Datatype.CHAR, "16*"),
            ColumnMetadata.of("label", Datatype.UNICODE_CHAR, "*"),
            ColumnMetadata.of("ucode", Datatype.UNICODE_CHAR, "3"),
            new ColumnMetadata("obs_time", Datatype.CHAR, "*", "timestamp", null, "time.epoch", null, null)
                    .inFrame(Frame.UTC),
            ColumnMetadata.of("spectrum", Datatype.DOUBLE, "*"),
            ColumnMetadata.of("bounds", Datatype.INT, "3"),
            ColumnMetadata.of("matrix", Datatype.FLOAT, "2x2"),
            ColumnMetadata.of("counts", Datatype.LONG, "4*"),
            ColumnMetadata.of("shorts", Datatype.SHORT, "2"),
            ColumnMetadata.of("flags", Datatype.BOOLEAN, "*"),
            ColumnMetadata.of("fixed_flags", Datatype.BOOLEAN, "2"),
            new ColumnMetadata("region", Datatype.DOUBLE, "*", "polygon", "deg", "pos.outline", null, null));

    static List<Object[]> directRows() {
        String large = "x".repeat(70_000);
        return List.of(
                new Object[] {true, (short) -7, 42, 1234567890123L, 12.5f, 180.123456789012, "M31", "ABCD", "x",
                        "bounded", "Ångström ☃ 日本", "abc", "2024-01-02T03:04:05.678",
                        new double[] {1.5, -2.25, Double.MAX_VALUE}, new int[] {1, 2, 3}, new float[] {1f, 2f, 3f, 4f},
                        new long[] {Long.MAX_VALUE, -1L}, new short[] {Short.MIN_VALUE, Short.MAX_VALUE},
                        new boolean[] {true, false}, new boolean[] {false, true},
                        new double[] {10, 10, 11, 10, 11, 11}},
                // extremes, empty text, text longer than a fixed length, short arrays padded
                // NaNs with a payload, which DataOutput writes as the canonical NaN
                new Object[] {false, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE, Float.intBitsToFloat(0x7fc00001),
                        Double.longBitsToDouble(0x7ff0000000000001L), "",
                        "TOOLONG", "", "", "", "", "", new double[0], new int[] {7}, new float[] {-0f},
                        new long[0], new short[0], new boolean[0], new boolean[] {true},
                        new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0}},
                new Object[] {true, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, Float.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY, "Ωmega café", "é☃ab", "ü", "naïve 😀 text", "😀 surrogates",
                        "ab😀cd", "1999-12-31T23:59:59.000", new double[] {Double.MIN_VALUE},
                        new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE, 0}, new float[] {Float.MIN_VALUE, Float.MAX_VALUE},
                        new long[] {1, 2, 3, 4}, new short[] {1, 2, 3}, new boolean[] {true, true, true},
                        new boolean[] {false, false}, new double[] {0, 0, 1, 0, 0, 1}},
                // a cell larger than the encoder's block
                new Object[] {null, null, null, null, null, null, large, null, null, null, large, null, null,
                        new double[9000], null, null, null, null, null, null, null},
                new Object[DIRECT_COLUMNS.size()]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/b"})
    void everyColumnKindIsEncodedAsStilEncodesIt(String format) throws IOException {
        assertSameDocument(format, DIRECT_COLUMNS, directRows(), Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/b"})
    void manyRowsAcrossManyEncodingBlocksAreEncodedAsStilEncodesThem(String format) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        IntStream.range(0, 20_000).forEach(i -> rows.add(directRows().get(i % 3)));
        assertSameDocument(format, DIRECT_COLUMNS, rows, Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/b"})
    void rowsPastMaxrecAreNotWrittenAndTheOverflowFollowsTheTableAsWithStil(String format) throws IOException {
        WriteSummary summary = assertSameDocument(format, DIRECT_COLUMNS, directRows(), 2, Integer.MAX_VALUE);
        assertEquals(new WriteSummary(2, true), summary);
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/b"})
    void aCursorFailingMidStreamEndsTheDocumentWithQueryStatusErrorAsWithStil(String format) throws Exception {
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        ByteArrayOutputStream stil = new ByteArrayOutputStream();
        VOTableResultWriter writer = writer(format);
        assertThrows(IOException.class, () -> writer.write(table(DIRECT_COLUMNS, directRows(), Long.MAX_VALUE, 2), direct));
        assertThrows(IOException.class, () -> writer.encodedByStil()
                .write(table(DIRECT_COLUMNS, directRows(), Long.MAX_VALUE, 2), stil));
        assertSameBytes(stil.toByteArray(), direct.toByteArray());
        assertEquals(List.of("INFO:QUERY_STATUS=OK", "INFO:n=v", "RESOURCE", "TABLE", "INFO:QUERY_STATUS=ERROR"),
                VOTableDocuments.resourceOutline(direct.toByteArray()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/b"})
    void ordinaryRowsReadBackByStilAreTheRowsWritten(String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer(format).write(table(DIRECT_COLUMNS, directRows(), Long.MAX_VALUE, Integer.MAX_VALUE), out);
        StarTable read = FormatReaders.read(format, out.toByteArray());
        List<Object[]> rows = FormatReaders.rows(read);
        // the other rows' extremes read back as each format reads them; byte equality with STIL covers them
        assertEquals(directRows().size(), rows.size());
        assertEquals(Cells.comparable(directRows().get(0)), Cells.comparable(rows.get(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/b"})
    void aTableWithAColumnTheDirectEncodingDoesNotTakeIsStilsDocument(String format) throws IOException {
        assertEquals(Optional.empty(), BinaryRowEncoder.forColumns(SampleTables.EVERY_DATATYPE, true));
        assertSameDocument(format, SampleTables.EVERY_DATATYPE, SampleTables.everyDatatypeRows(), Long.MAX_VALUE,
                Integer.MAX_VALUE);
    }

    private static WriteSummary assertSameDocument(String format, List<ColumnMetadata> columns, List<Object[]> rows,
                                                   long maxRows, int failAt) throws IOException {
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        ByteArrayOutputStream stil = new ByteArrayOutputStream();
        VOTableResultWriter writer = writer(format);
        WriteSummary summary = writer.write(table(columns, rows, maxRows, failAt), direct);
        assertEquals(summary, writer.encodedByStil().write(table(columns, rows, maxRows, failAt), stil));
        assertSameBytes(stil.toByteArray(), direct.toByteArray());
        return summary;
    }

    /** The documents are equal; where not, says first where their decoded rows differ. */
    private static void assertSameBytes(byte[] stil, byte[] direct) {
        if (Arrays.equals(stil, direct)) {
            return;
        }
        try {
            byte[] expected = Binary2Stream.decode(stil);
            byte[] actual = Binary2Stream.decode(direct);
            int first = Arrays.mismatch(expected, actual);
            assertEquals(-1, first, "the rows differ from byte " + first + ": STIL "
                    + HexFormat.of().formatHex(expected, first, Math.min(expected.length, first + 24)) + ", direct "
                    + HexFormat.of().formatHex(actual, first, Math.min(actual.length, first + 24)));
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            // the rows are alike or unreadable: the documents differ elsewhere
        }
        assertEquals(new String(stil, StandardCharsets.UTF_8), new String(direct, StandardCharsets.UTF_8));
    }

    private static VOTableResultWriter writer(String format) {
        return (VOTableResultWriter) Outputs.writer(format);
    }

    private static ResultTable table(List<ColumnMetadata> columns, List<Object[]> rows, long maxRows, int failAt) {
        return new ResultTable(columns, ListCursor.failingAt(failAt, rows), maxRows, List.of(new Info("n", "v")));
    }
}

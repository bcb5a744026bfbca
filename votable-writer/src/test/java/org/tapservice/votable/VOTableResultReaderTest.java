package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stored result read back is the table it was written from: writing it again in any format
 * gives the bytes a write of the original table gives, INFOs, FIELD metadata, frames and
 * QUERY_STATUS included.
 */
class VOTableResultReaderTest {

    private static final List<Info> INFOS = List.of(new Info("REQUEST", "doQuery"),
            new Info("QUERY", "SELECT * FROM t WHERE a < 1 & b > 2"), new Info("MAXREC", "1000"),
            new Info("SERVICE_PROTOCOL", "1.1", "ivo://ivoa.net/std/TAP"));

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b", "csv", "tsv", "html"})
    void aStoredBinary2ResultWrittenAgainInAnyFormatIsTheDirectWrite(String format) throws Exception {
        byte[] stored = Outputs.bytes("votable", everyDatatypeWithFrames());

        byte[] converted = convert(stored, format);

        assertEquals(withoutFrameIds(Outputs.bytes(format, everyDatatypeWithFrames())), withoutFrameIds(converted));
    }

    /** FITS headers carry the time of writing, and Parquet's footer lengths depend on STIL's frame ids: read back. */
    @ParameterizedTest
    @ValueSource(strings = {"fits", "parquet"})
    void aStoredBinary2ResultWrittenAgainAsFitsOrVOParquetReadsBackAsTheDirectWrite(String format) throws Exception {
        byte[] converted = convert(Outputs.bytes("votable", everyDatatypeWithFrames()), format);

        assertSameRows(format, Outputs.bytes(format, everyDatatypeWithFrames()), converted);
    }

    private static void assertSameRows(String format, byte[] expected, byte[] actual) throws IOException {
        List<Object[]> want = FormatReaders.rows(FormatReaders.read(format, expected));
        List<Object[]> read = FormatReaders.rows(FormatReaders.read(format, actual));
        assertEquals(want.size(), read.size());
        for (int i = 0; i < want.size(); i++) {
            assertTrue(Arrays.deepEquals(want.get(i), read.get(i)), "row " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/td", "votable/b2"})
    void everySerializationOfVOTableCanBeTheStoredCopy(String storedAs) throws Exception {
        byte[] stored = Outputs.bytes(storedAs, everyDatatypeWithFrames());

        assertArrayEquals(Outputs.bytes("csv", everyDatatypeWithFrames()), convert(stored, "csv"));
    }

    @Test
    void theInfosBeforeTheTableComeBackWithoutQueryStatus() throws Exception {
        ResultTable read = VOTableResultReader.read(new ByteArrayInputStream(Outputs.bytes("votable", everyDatatypeWithFrames())));
        try (RowCursor rows = read.rows()) {
            assertEquals(INFOS, read.infos());
            // STIL writes a bounded arraysize (4*) as variable (*): the bytes are the same
            assertEquals(everyDatatypeWithFrames().columns().stream().map(column -> "4*".equals(column.arraysize())
                    ? new ColumnMetadata(column.name(), column.datatype(), "*", column.xtype(), column.unit(),
                            column.ucd(), column.utype(), column.description(), column.frame())
                    : column).toList(), read.columns());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/td", "csv", "fits", "parquet", "html"})
    void anOverflowStoredAfterTheTableIsAnOverflowOfTheConvertedCopyWithTheSameRows(String format) throws Exception {
        byte[] stored = Outputs.bytes("votable", counter(10, 4));
        ByteArrayOutputStream converted = new ByteArrayOutputStream();

        WriteSummary summary;
        ResultTable read = VOTableResultReader.read(new ByteArrayInputStream(stored));
        try (RowCursor rows = read.rows()) {
            summary = Outputs.writer(format).write(read, converted);
        }

        assertEquals(new WriteSummary(4, true), summary);
        if (format.equals("fits") || format.equals("parquet")) {
            assertSameRows(format, Outputs.bytes(format, counter(10, 4)), converted.toByteArray());
        } else {
            assertArrayEquals(Outputs.bytes(format, counter(10, 4)), converted.toByteArray());
        }
    }

    /** DataLink 1.1 section 4: the descriptors after the results, their refs bound to the same FIELDs. */
    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b", "csv"})
    void theServiceDescriptorsOfAStoredResultAreInItsCopyAsInTheDirectWrite(String format) throws Exception {
        byte[] stored = Outputs.bytes("votable", withServices());

        byte[] converted = convert(stored, format);

        assertArrayEquals(Outputs.bytes(format, withServices()), converted);
        String text = new String(converted, StandardCharsets.UTF_8);
        assertEquals(format.startsWith("votable"), text.contains("<PARAM name=\"ID\" datatype=\"char\" arraysize=\"*\" "
                + "ucd=\"meta.id;meta.main\" ref=\"source_id\" value=\"\"/>"), text);
    }

    @Test
    void aStoredResultWithoutDescriptorsHasNoneAfterItsRows() throws Exception {
        ResultTable read = VOTableResultReader.read(new ByteArrayInputStream(Outputs.bytes("votable", counter(3, 10))));
        try (RowCursor rows = read.rows()) {
            while (rows.next()) {
                assertTrue(rows.trailingServices().isEmpty());
            }
            assertEquals(List.of(), rows.trailingServices());
        }
    }

    @Test
    void aCompleteResultIsNotTruncated() throws Exception {
        ResultTable read = VOTableResultReader.read(new ByteArrayInputStream(Outputs.bytes("votable", counter(3, 3))));
        try (RowCursor rows = read.rows()) {
            int count = 0;
            while (rows.next()) {
                assertEquals((long) count++, rows.cell(0));
            }
            assertEquals(3, count);
            assertFalse(rows.truncated());
        }
    }

    @Test
    void aStoredErrorAfterTheRowsFailsTheCursorWithItsMessageAfterTheLastRow() throws Exception {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        ResultTable failing = new ResultTable(SampleTables.counterColumns(),
                ListCursor.failingAt(2, SampleTables.counterRows(5)), Long.MAX_VALUE, List.of());
        assertThrows(IOException.class, () -> Outputs.writer("votable").write(failing, stored));

        ResultTable read = VOTableResultReader.read(new ByteArrayInputStream(stored.toByteArray()));
        try (RowCursor rows = read.rows()) {
            assertTrue(rows.next());
            assertTrue(rows.next());
            IOException failure = assertThrows(IOException.class, rows::next);
            assertTrue(failure.getMessage().contains("connection to the database lost"), failure.getMessage());
        }
    }

    @Test
    void manyRowsStreamThroughInBatches() throws Exception {
        byte[] stored = Outputs.bytes("votable", counter(5000, Long.MAX_VALUE));

        byte[] converted = convert(stored, "csv");

        assertArrayEquals(Outputs.bytes("csv", counter(5000, Long.MAX_VALUE)), converted);
    }

    @Test
    void closingTheCursorEarlyStopsTheReadingAndClosesTheStream() throws Exception {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream(Outputs.bytes("votable", counter(50_000, Long.MAX_VALUE))) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ResultTable read = VOTableResultReader.read(in);
        try (RowCursor rows = read.rows()) {
            assertTrue(rows.next());
        }
        assertTrue(closed[0]);
    }

    @Test
    void bytesThatAreNoVOTableAreAnIOExceptionBeforeAnyRow() {
        assertThrows(IOException.class, () -> VOTableResultReader.read(
                new ByteArrayInputStream("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))));
        assertThrows(IOException.class, () -> VOTableResultReader.read(new ByteArrayInputStream(
                "<VOTABLE><RESOURCE type=\"results\"/></VOTABLE>".getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * The document as text with STIL's COOSYS and TIMESYS IDs made alike: STIL numbers them
     * from a counter of its own, so no two writes name them the same.
     */
    private static String withoutFrameIds(byte[] document) {
        return new String(document, StandardCharsets.ISO_8859_1).replaceAll("t\\d+-(coosys|timesys)-\\d+", "$1");
    }

    private static byte[] convert(byte[] stored, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultTable read = VOTableResultReader.read(new ByteArrayInputStream(stored));
        try (RowCursor rows = read.rows()) {
            Outputs.writer(format).write(read, out);
        }
        return out.toByteArray();
    }

    private static ResultTable everyDatatypeWithFrames() {
        List<ColumnMetadata> columns = new ArrayList<>(SampleTables.EVERY_DATATYPE);
        for (int i = 0; i < columns.size(); i++) {
            ColumnMetadata column = columns.get(i);
            if (column.name().equals("ra")) {
                columns.set(i, column.inFrame(new Frame.Coordinates("ICRS", "J2016.0")));
            } else if (column.name().equals("obs_time")) {
                columns.set(i, column.inFrame(Frame.UTC));
            }
        }
        return new ResultTable(columns, ListCursor.of(SampleTables.everyDatatypeRows()), Long.MAX_VALUE, INFOS);
    }

    private static ResultTable withServices() {
        List<ColumnMetadata> columns = List.of(
                new ColumnMetadata("source id", Datatype.CHAR, "*", null, null, "meta.id;meta.main", null, null),
                ColumnMetadata.of("ra", Datatype.DOUBLE, null));
        ServiceDescriptor links = new ServiceDescriptor(null, "links", "Links of each row",
                List.of(ServiceParam.text("standardID", "ivo://ivoa.net/std/DataLink#links-1.1"),
                        ServiceParam.text("accessURL", "http://example.org/tap/links")),
                List.of(ServiceParam.fromColumn("ID", "source id", "meta.id;meta.main")));
        ServiceDescriptor cutout = new ServiceDescriptor("cutout", null, null,
                List.of(ServiceParam.text("accessURL", "http://example.org/soda?a=1&b=2")),
                List.of(new ServiceParam("CIRCLE", Datatype.DOUBLE, "3", "", "obs.field", null, "A cone <in degrees>"),
                        new ServiceParam("ID", Datatype.CHAR, "*", "ivo://example.org/img?2", null, null, null)));
        return new ResultTable(columns, ListCursor.of(List.of(new Object[] {"Demo 10", 10.5},
                new Object[] {"Demo 20", null})), Long.MAX_VALUE, INFOS, List.of(links, cutout));
    }

    private static ResultTable counter(int rows, long maxRows) {
        return new ResultTable(SampleTables.counterColumns(), ListCursor.of(SampleTables.counterRows(rows)), maxRows,
                List.of());
    }
}

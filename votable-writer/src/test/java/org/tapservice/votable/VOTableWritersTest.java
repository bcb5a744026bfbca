package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.Tables;
import uk.ac.starlink.votable.VOStarTable;

/** Every VOTable serialization writes the same table, valid and readable back by STIL. */
class VOTableWritersTest {

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b"})
    void everyDatatypeWithNullsUnicodeAndArraysIsValidAgainstTheVOTable14Schema(String format) throws Exception {
        VOTableDocuments.validate(Outputs.bytes(format, SampleTables.everyDatatype()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b"})
    void theDocumentIsVOTable14InTheVOTable13Namespace(String format) throws Exception {
        Element root = VOTableDocuments.parse(Outputs.bytes(format, SampleTables.everyDatatype())).getDocumentElement();
        assertEquals("VOTABLE", root.getLocalName());
        assertEquals("1.4", root.getAttribute("version"));
        assertEquals("http://www.ivoa.net/xml/VOTable/v1.3", root.getNamespaceURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b"})
    void queryStatusOkPrecedesTheTableFollowedByTheTablesOwnInfos(String format) throws Exception {
        ResultTable table = new ResultTable(SampleTables.EVERY_DATATYPE, ListCursor.of(SampleTables.everyDatatypeRows()),
                Long.MAX_VALUE, List.of(new Info("QUERY", "SELECT * FROM t WHERE a < 1", null), new Info("REQUEST", "doQuery")));
        assertEquals(List.of("INFO:QUERY_STATUS=OK", "INFO:QUERY=SELECT * FROM t WHERE a < 1", "INFO:REQUEST=doQuery", "TABLE"),
                VOTableDocuments.resourceOutline(Outputs.bytes(format, table)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b"})
    void fieldsCarryTheColumnMetadataExactly(String format) throws Exception {
        List<Element> fields = VOTableDocuments.fields(Outputs.bytes(format, SampleTables.everyDatatype()));
        assertEquals(SampleTables.EVERY_DATATYPE.size(), fields.size());
        for (int i = 0; i < fields.size(); i++) {
            ColumnMetadata column = SampleTables.EVERY_DATATYPE.get(i);
            Element field = fields.get(i);
            assertAll(column.name(),
                    () -> assertEquals(column.name(), field.getAttribute("name")),
                    () -> assertEquals(column.datatype().voName(), field.getAttribute("datatype")),
                    () -> assertEquals(writtenArraysize(column.arraysize()), field.getAttribute("arraysize")),
                    () -> assertEquals(orEmpty(column.unit()), field.getAttribute("unit")),
                    () -> assertEquals(orEmpty(column.ucd()), field.getAttribute("ucd")),
                    () -> assertEquals(orEmpty(column.utype()), field.getAttribute("utype")),
                    () -> assertEquals(orEmpty(column.xtype()), field.getAttribute("xtype")),
                    () -> assertEquals(orEmpty(column.description()), description(field)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b"})
    void stilReadsBackTheColumnMetadata(String format) throws Exception {
        StarTable read = VOTableDocuments.readBack(Outputs.bytes(format, SampleTables.everyDatatype()));
        for (int i = 0; i < read.getColumnCount(); i++) {
            ColumnMetadata column = SampleTables.EVERY_DATATYPE.get(i);
            ColumnInfo info = read.getColumnInfo(i);
            assertAll(column.name(),
                    () -> assertEquals(column.name(), info.getName()),
                    () -> assertEquals(column.datatype().voName(), info.getAuxDatumValue(VOStarTable.DATATYPE_INFO, String.class)),
                    () -> assertEquals(column.unit(), info.getUnitString()),
                    () -> assertEquals(column.ucd(), info.getUCD()),
                    () -> assertEquals(column.utype(), info.getUtype()),
                    () -> assertEquals(column.xtype(), info.getXtype()),
                    () -> assertEquals(column.description(), info.getDescription()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b"})
    void stilReadsBackTheValuesWritten(String format) throws Exception {
        List<Object[]> read = VOTableDocuments.rows(VOTableDocuments.readBack(Outputs.bytes(format, SampleTables.everyDatatype())));
        List<Object[]> written = SampleTables.everyDatatypeRows();
        for (int row = 0; row < 2; row++) {
            assertEquals(Cells.comparable(written.get(row)), Cells.comparable(read.get(row)), "row " + row);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td"})
    void nullCellsReadBackAsNull(String format) throws Exception {
        List<Object[]> read = VOTableDocuments.rows(VOTableDocuments.readBack(Outputs.bytes(format, SampleTables.everyDatatype())));
        Object[] nullRow = read.get(2);
        // STIL's reader gives a null float or double as NaN, its blank value for floating point
        IntStream.range(0, nullRow.length).forEach(i ->
                assertTrue(Tables.isBlank(nullRow[i]), SampleTables.EVERY_DATATYPE.get(i).name() + " is " + nullRow[i]));
    }

    @Test
    void binary2MarksEachNullCellInTheRowsNullFlags() throws Exception {
        List<ColumnMetadata> columns = List.of(ColumnMetadata.of("a", Datatype.DOUBLE, null), ColumnMetadata.of("b", Datatype.INT, null));
        List<Object[]> rows = List.of(new Object[] {null, 1}, new Object[] {2.0, null}, new Object[] {Double.NaN, 3});
        byte[] stream = Binary2Stream.decode(Outputs.bytes("votable/b2", new ResultTable(columns, ListCursor.of(rows))));
        int rowLength = 1 + 8 + 4; // one flag byte, then the cells
        assertEquals(3 * rowLength, stream.length);
        assertEquals((byte) 0b1000_0000, stream[0], "first column null");
        assertEquals((byte) 0b0100_0000, stream[rowLength], "second column null");
        assertEquals((byte) 0, stream[2 * rowLength], "NaN is a value, not a null");
    }

    @Test
    void tabledataWritesANullAsAnEmptyCell() throws Exception {
        List<ColumnMetadata> columns = List.of(ColumnMetadata.of("a", Datatype.LONG, null), ColumnMetadata.of("b", Datatype.CHAR, "*"));
        byte[] document = Outputs.bytes("votable/td", new ResultTable(columns, ListCursor.of(List.<Object[]>of(new Object[] {null, null}))));
        var cells = VOTableDocuments.parse(document).getElementsByTagNameNS("*", "TD");
        assertEquals(2, cells.getLength());
        for (int i = 0; i < cells.getLength(); i++) {
            assertFalse(cells.item(i).hasChildNodes(), "cell " + i + " is empty");
        }
    }

    @Test
    void binaryHasNoNullFlagsSoNullIntegersAreTheMagicValueItDeclares() throws Exception {
        List<ColumnMetadata> columns = List.of(ColumnMetadata.of("n", Datatype.INT, null));
        byte[] document = Outputs.bytes("votable/b", new ResultTable(columns, ListCursor.of(List.<Object[]>of(new Object[] {null}, new Object[] {7}))));
        Element values = (Element) VOTableDocuments.fields(document).getFirst().getElementsByTagNameNS("*", "VALUES").item(0);
        assertEquals(String.valueOf(Integer.MIN_VALUE), values.getAttribute("null"));
        List<Object[]> read = VOTableDocuments.rows(VOTableDocuments.readBack(document));
        assertNull(read.get(0)[0]);
        assertEquals(7, read.get(1)[0]);
    }

    @Test
    void theWriterFlushesButClosesNeitherTheStreamNorTheCursor() throws Exception {
        ListCursor cursor = ListCursor.of(SampleTables.everyDatatypeRows());
        var out = new CloseRecordingStream();
        WriteSummary summary = Outputs.writer("votable").write(new ResultTable(SampleTables.EVERY_DATATYPE, cursor), out);
        assertEquals(new WriteSummary(3, false), summary);
        assertFalse(out.closed, "stream closed");
        assertFalse(cursor.closed(), "cursor closed");
        assertTrue(out.bytes.size() > 0, "flushed");
    }

    @Test
    void complexAndBitHaveNoStilTypeSoAreWrittenAsFloatPairsAndBooleans() throws Exception {
        List<ColumnMetadata> columns = List.of(ColumnMetadata.of("z", Datatype.DOUBLE_COMPLEX, null),
                ColumnMetadata.of("zs", Datatype.FLOAT_COMPLEX, "*"), ColumnMetadata.of("bits", Datatype.BIT, "3"));
        List<Object[]> rows = List.<Object[]>of(new Object[] {new double[] {1, -1}, new float[] {1, 2, 3, 4}, new boolean[] {true, false, true}});
        byte[] document = Outputs.bytes("votable", new ResultTable(columns, ListCursor.of(rows)));
        VOTableDocuments.validate(document);
        List<String> declared = VOTableDocuments.fields(document).stream()
                .map(field -> field.getAttribute("datatype") + "[" + field.getAttribute("arraysize") + "]").toList();
        assertEquals(List.of("double[2]", "float[2x*]", "boolean[3]"), declared);
        assertEquals(Cells.comparable(rows.getFirst()), Cells.comparable(VOTableDocuments.rows(VOTableDocuments.readBack(document)).getFirst()));
    }

    @Test
    void everyFieldHasAnIdThatIsAnXmlNameUniqueInTheDocument() throws Exception {
        List<ColumnMetadata> columns = List.of(ColumnMetadata.of("ra", Datatype.DOUBLE, null),
                ColumnMetadata.of("2mass id", Datatype.CHAR, "*"), ColumnMetadata.of("2mass_id", Datatype.CHAR, "*"),
                ColumnMetadata.of("Ωmega", Datatype.INT, null));
        byte[] document = Outputs.bytes("votable", new ResultTable(columns, ListCursor.of(List.of())));
        VOTableDocuments.validate(document); // ID is xs:ID: an NCName, unique in the document
        assertEquals(List.of("ra", "_2mass_id", "_2mass_id_2", "__mega"),
                VOTableDocuments.fields(document).stream().map(field -> field.getAttribute("ID")).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b"})
    void aColumnWithAFrameRefersToTheCoosysOrTimesysDescribingIt(String format) throws Exception {
        List<ColumnMetadata> columns = List.of(
                new ColumnMetadata("pos", Datatype.DOUBLE, "2", "point", "deg", "pos.eq", null, null, Frame.ICRS),
                new ColumnMetadata("t", Datatype.CHAR, "*", "timestamp", null, "time.epoch", null, null, Frame.UTC),
                ColumnMetadata.of("n", Datatype.INT, null));
        byte[] document = Outputs.bytes(format, new ResultTable(columns, ListCursor.of(List.<Object[]>of(
                new Object[] {new double[] {10, 20}, "2020-01-01T00:00:00", 1}))));
        VOTableDocuments.validate(document);
        var parsed = VOTableDocuments.parse(document);
        Element coosys = (Element) parsed.getElementsByTagNameNS("*", "COOSYS").item(0);
        Element timesys = (Element) parsed.getElementsByTagNameNS("*", "TIMESYS").item(0);
        assertEquals("ICRS", coosys.getAttribute("system"));
        assertEquals("UTC", timesys.getAttribute("timescale"));
        assertEquals("TOPOCENTER", timesys.getAttribute("refposition"));
        List<Element> fields = VOTableDocuments.fields(document);
        assertEquals(coosys.getAttribute("ID"), fields.get(0).getAttribute("ref"));
        assertEquals(timesys.getAttribute("ID"), fields.get(1).getAttribute("ref"));
        assertFalse(fields.get(2).hasAttribute("ref"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b"})
    void aCharColumnHoldsAsciiSoOtherCharactersBecomeQuestionMarksWhileUnicodeCharKeepsThem(String format) throws Exception {
        List<ColumnMetadata> columns = List.of(ColumnMetadata.of("ascii", Datatype.CHAR, "*"),
                ColumnMetadata.of("unicode", Datatype.UNICODE_CHAR, "*"));
        byte[] document = Outputs.bytes(format, new ResultTable(columns, ListCursor.of(List.<Object[]>of(
                new Object[] {"Ωmega café", "Ωmega café"}))));
        VOTableDocuments.validate(document);
        assertEquals(List.of("?mega caf?", "Ωmega café"),
                Cells.comparable(VOTableDocuments.rows(VOTableDocuments.readBack(document)).getFirst()));
    }

    private static String writtenArraysize(String arraysize) {
        // STIL can write only "*" for a variable size: the bound of "4*" is dropped
        return arraysize == null ? "" : arraysize.endsWith("*") ? "*" : arraysize;
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String description(Element field) {
        var descriptions = field.getElementsByTagNameNS("*", "DESCRIPTION");
        return descriptions.getLength() == 0 ? "" : descriptions.item(0).getTextContent();
    }

    private static final class CloseRecordingStream extends FilterOutputStream {
        final ByteArrayOutputStream bytes;
        boolean closed;

        CloseRecordingStream() {
            this(new ByteArrayOutputStream());
        }

        private CloseRecordingStream(ByteArrayOutputStream bytes) {
            super(bytes);
            this.bytes = bytes;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}

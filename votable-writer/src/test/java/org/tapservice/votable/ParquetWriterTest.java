package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.Tables;
import uk.ac.starlink.votable.VOStarTable;

/** VOParquet: Parquet rows with the result's VOTable, FIELDs and QUERY_STATUS, in the file's metadata. */
class ParquetWriterTest {

    @TempDir
    Path directory;

    @Test
    void aParquetFileBeginsAndEndsWithItsMagicNumber() throws Exception {
        byte[] parquet = Outputs.bytes("parquet", SampleTables.everyDatatype());
        assertEquals("PAR1", new String(parquet, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("PAR1", new String(parquet, parquet.length - 4, 4, StandardCharsets.US_ASCII));
    }

    @Test
    void everyDatatypeReadsBackWithItsValuesAndNulls() throws Exception {
        List<Object[]> read = FormatReaders.rows(FormatReaders.read("parquet", Outputs.bytes("parquet", SampleTables.everyDatatype())));
        List<Object[]> written = SampleTables.everyDatatypeRows();
        assertEquals(Cells.comparable(written.get(0)), Cells.comparable(read.get(0)));
        assertEquals(Cells.comparable(written.get(1)), Cells.comparable(read.get(1)));
        Object[] nulls = read.get(2);
        IntStream.range(0, nulls.length).forEach(i ->
                assertTrue(Tables.isBlank(nulls[i]), SampleTables.EVERY_DATATYPE.get(i).name() + " is " + nulls[i]));
    }

    @Test
    void theVOTableMetadataGivesBackEveryColumnsDatatypeAndMetadata() throws Exception {
        StarTable read = FormatReaders.read("parquet", Outputs.bytes("parquet", SampleTables.everyDatatype()));
        for (int i = 0; i < read.getColumnCount(); i++) {
            ColumnMetadata column = SampleTables.EVERY_DATATYPE.get(i);
            ColumnInfo info = read.getColumnInfo(i);
            assertAll(column.name(),
                    () -> assertEquals(column.unit(), info.getUnitString()),
                    () -> assertEquals(column.ucd(), info.getUCD()),
                    () -> assertEquals(column.utype(), info.getUtype()),
                    () -> assertEquals(column.xtype(), info.getXtype()),
                    () -> assertEquals(column.description(), info.getDescription()));
        }
    }

    @Test
    void theFileMetadataHoldsTheResultDocumentWithTheVOParquetKeys() throws Exception {
        Map<String, String> metadata = fileMetadata(Outputs.bytes("parquet", SampleTables.everyDatatype()));
        assertEquals("1.0", metadata.get("IVOA.VOTable-Parquet.version"));
        byte[] document = metadata.get("IVOA.VOTable-Parquet.content").getBytes(StandardCharsets.UTF_8);
        VOTableDocuments.validate(document);
        assertEquals(List.of("INFO:QUERY_STATUS=OK", "TABLE"), VOTableDocuments.resourceOutline(document));
        assertEquals(SampleTables.EVERY_DATATYPE.size(), VOTableDocuments.fields(document).size());
        assertTrue(VOTableDocuments.parse(document).getElementsByTagNameNS("*", "DATA").getLength() == 0, "no DATA");
    }

    @Test
    void anOverflowIsReportedAfterTheTableInTheMetadata() throws Exception {
        ResultTable table = new ResultTable(SampleTables.counterColumns(), ListCursor.of(SampleTables.counterRows(5)), 3,
                List.of(new Info("QUERY", "SELECT n FROM t")));
        byte[] document = fileMetadata(Outputs.bytes("parquet", table)).get("IVOA.VOTable-Parquet.content")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("INFO:QUERY_STATUS=OK", "INFO:QUERY=SELECT n FROM t", "TABLE", "INFO:QUERY_STATUS=OVERFLOW"),
                VOTableDocuments.resourceOutline(document));
    }

    @Test
    void aCursorFailureIsReportedInTheMetadataAndRethrown() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultTable table = new ResultTable(SampleTables.counterColumns(), ListCursor.failingAt(2, SampleTables.counterRows(5)));

        assertThrows(IOException.class, () -> Outputs.writer("parquet").write(table, out));

        byte[] document = fileMetadata(out.toByteArray()).get("IVOA.VOTable-Parquet.content").getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("INFO:QUERY_STATUS=OK", "TABLE", "INFO:QUERY_STATUS=ERROR"), VOTableDocuments.resourceOutline(document));
        assertEquals(2, FormatReaders.rows(FormatReaders.read("parquet", out.toByteArray())).size());
    }

    @Test
    void columnsWithAFrameReferToTheirCoosysOrTimesysInTheMetadata() throws Exception {
        List<ColumnMetadata> columns = List.of(
                ColumnMetadata.of("pos", Datatype.DOUBLE, "2").inFrame(Frame.ICRS),
                new ColumnMetadata("t", Datatype.CHAR, "*", "timestamp", null, null, null, null, Frame.UTC));
        ResultTable table = new ResultTable(columns, ListCursor.of(List.<Object[]>of(new Object[] {new double[] {1, 2}, "2020-01-01"})));
        StarTable read = FormatReaders.read("parquet", Outputs.bytes("parquet", table));
        assertEquals("ICRS", read.getColumnInfo(0).getAuxDatumValue(VOStarTable.COOSYS_SYSTEM_INFO, String.class));
        assertEquals("UTC", read.getColumnInfo(1).getAuxDatumValue(VOStarTable.TIMESYS_TIMESCALE_INFO, String.class));
    }

    private Map<String, String> fileMetadata(byte[] parquet) throws IOException {
        Path file = Files.write(directory.resolve("result.parquet"), parquet);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getFooter().getFileMetaData().getKeyValueMetaData();
        }
    }
}

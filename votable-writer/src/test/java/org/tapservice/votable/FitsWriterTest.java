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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.Tables;

/** FITS: an empty primary HDU, then the result as a BINTABLE with the columns' metadata in its header. */
class FitsWriterTest {

    private static final int BLOCK = 2880;

    @Test
    void aFitsFileStartsWithAPrimaryHduAndHoldsTheTableInTheFirstExtension() throws Exception {
        byte[] fits = Outputs.bytes("fits", SampleTables.everyDatatype());
        assertTrue(new String(fits, 0, 80, StandardCharsets.US_ASCII).startsWith("SIMPLE  =                    T"));
        assertTrue(new String(fits, BLOCK, 80, StandardCharsets.US_ASCII).startsWith("XTENSION= 'BINTABLE'"));
        assertEquals(0, fits.length % BLOCK, "whole FITS blocks");
    }

    @Test
    void everyDatatypeReadsBackWithItsValues() throws Exception {
        List<Object[]> read = FormatReaders.rows(FormatReaders.read("fits", Outputs.bytes("fits", SampleTables.everyDatatype())));
        List<Object[]> written = SampleTables.everyDatatypeRows();
        Object[] first = written.get(0).clone();
        first[10] = "?ngstr?m ? ??"; // FITS text is ASCII: other characters become '?'
        assertEquals(Cells.comparable(first), Cells.comparable(read.get(0)));
        assertEquals(Cells.comparable(written.get(1)), Cells.comparable(read.get(1)));
    }

    @Test
    void nullsAreTnullValuesNaNsEmptyStringsAndEmptyVariableArrays() throws Exception {
        Object[] nulls = FormatReaders.rows(FormatReaders.read("fits", Outputs.bytes("fits", SampleTables.everyDatatype()))).get(2);
        for (int i = 0; i < nulls.length; i++) {
            ColumnMetadata column = SampleTables.EVERY_DATATYPE.get(i);
            boolean fixedArray = column.arraysize() != null && !column.arraysize().endsWith("*") && !column.datatype().isCharacter();
            Object cell = nulls[i];
            if (fixedArray) {
                // a fixed-size array has no null in FITS: its elements are blank (NaN) or zero
                assertTrue(Cells.comparable(cell) instanceof List<?> elements && elements.stream().allMatch(
                        e -> Tables.isBlank(e) || ((Number) e).doubleValue() == 0), column.name() + " is " + cell);
            } else if (cell != null && cell.getClass().isArray()) {
                assertEquals(List.of(), Cells.comparable(cell), column.name());
            } else {
                assertTrue(Tables.isBlank(cell), column.name() + " is " + cell);
            }
        }
    }

    @Test
    void theHeaderCarriesUnitUcdUtypeXtypeAndDescription() throws Exception {
        StarTable read = FormatReaders.read("fits", Outputs.bytes("fits", SampleTables.everyDatatype()));
        for (int i = 0; i < read.getColumnCount(); i++) {
            ColumnMetadata column = SampleTables.EVERY_DATATYPE.get(i);
            ColumnInfo info = read.getColumnInfo(i);
            assertAll(column.name(),
                    () -> assertEquals(column.unit(), info.getUnitString()),
                    () -> assertEquals(column.ucd(), info.getUCD()),
                    () -> assertEquals(column.utype(), info.getUtype()),
                    () -> assertEquals(column.xtype(), info.getXtype()),
                    () -> assertEquals(orEmpty(column.description()), orEmpty(info.getDescription())));
        }
    }

    @Test
    void theQueryStatusIsAHeaderKeyword() throws Exception {
        ResultTable overflowing = new ResultTable(SampleTables.counterColumns(), ListCursor.of(SampleTables.counterRows(5)), 2, List.of());
        StarTable read = FormatReaders.read("fits", Outputs.bytes("fits", overflowing));
        assertEquals("OVERFLOW", read.getParameterByName("QSTATUS").getValue());
        assertEquals("OK", FormatReaders.read("fits", Outputs.bytes("fits", SampleTables.everyDatatype()))
                .getParameterByName("QSTATUS").getValue());
    }

    @Test
    void theRowsAreSpooledToATemporaryFileThatIsRemovedAfterTheWrite(@TempDir Path spool) throws Exception {
        List<Long> spooledFilesWhileReading = new ArrayList<>();
        RowCursor cursor = new RowCursor() {
            private long row = -1;

            @Override
            public boolean next() throws IOException {
                try (Stream<Path> files = Files.list(spool)) {
                    spooledFilesWhileReading.add(files.count());
                }
                return ++row < 3;
            }

            @Override
            public Object cell(int column) {
                return row;
            }

            @Override
            public void close() {
            }
        };

        new FitsResultWriter(spool).write(new ResultTable(SampleTables.counterColumns(), cursor), new ByteArrayOutputStream());

        assertEquals(List.of(1L, 1L, 1L, 1L), spooledFilesWhileReading);
        assertTrue(isEmpty(spool), "the spool file is removed");
    }

    @Test
    void aCursorFailureLeavesNoTableAndNoTemporaryFileAndIsRethrown(@TempDir Path spool) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultTable table = new ResultTable(SampleTables.counterColumns(), ListCursor.failingAt(2, SampleTables.counterRows(5)));

        assertThrows(IOException.class, () -> new FitsResultWriter(spool).write(table, out));

        assertEquals(BLOCK, out.size(), "only the primary HDU");
        assertTrue(isEmpty(spool), "the spool file is removed");
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.findAny().isEmpty();
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}

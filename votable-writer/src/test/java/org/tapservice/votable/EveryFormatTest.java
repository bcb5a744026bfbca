package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.ac.starlink.table.StarTable;

/** What holds for every output format alike: columns, MAXREC, and when the first bytes leave. */
class EveryFormatTest {

    static final String[] FORMATS = {"votable/b2", "votable/td", "votable/b", "csv", "tsv", "fits", "parquet", "html"};

    @Test
    void theseTestsCoverEveryFormatTheServiceOffers() {
        assertEquals(ResultFormats.standard().formats().size(), FORMATS.length);
        for (String format : FORMATS) {
            assertTrue(ResultFormats.standard().forResponseFormat(format).isPresent(), format);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b", "csv", "tsv", "fits", "parquet", "html"})
    void theColumnsReadBackWithTheirNamesInTheirOrder(String format) throws Exception {
        StarTable read = FormatReaders.read(format, Outputs.bytes(format, SampleTables.everyDatatype()));
        assertEquals(SampleTables.EVERY_DATATYPE.size(), read.getColumnCount());
        for (int i = 0; i < read.getColumnCount(); i++) {
            assertEquals(SampleTables.EVERY_DATATYPE.get(i).name(), read.getColumnInfo(i).getName());
        }
        assertEquals(3, FormatReaders.rows(read).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b", "csv", "tsv", "fits", "parquet", "html"})
    void aResultOverflowingMaxrecHasExactlyMaxrecRows(String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultTable table = new ResultTable(SampleTables.counterColumns(), ListCursor.of(SampleTables.counterRows(10)),
                4, List.of());

        assertEquals(new WriteSummary(4, true), Outputs.writer(format).write(table, out));

        List<Object[]> rows = FormatReaders.rows(FormatReaders.read(format, out.toByteArray()));
        assertEquals(List.of("0", "1", "2", "3"), rows.stream().map(row -> String.valueOf(row[0])).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b", "csv", "tsv", "fits", "parquet", "html"})
    void theFirstBytesReachTheClientBeforeTheFirstRowIsRead(String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] sentBeforeFirstRow = {-1};
        RowCursor cursor = new RowCursor() {
            private int row = -1;

            @Override
            public boolean next() {
                if (row == -1) {
                    sentBeforeFirstRow[0] = out.size();
                }
                return ++row < 3;
            }

            @Override
            public Object cell(int column) {
                return (long) row;
            }

            @Override
            public void close() {
            }
        };

        Outputs.writer(format).write(new ResultTable(SampleTables.counterColumns(), cursor), out);

        assertTrue(sentBeforeFirstRow[0] > 0, "nothing had been sent when the first row was read");
    }

    /**
     * Rows already in memory keep nothing waiting: a BINARY2 or BINARY VOTable (whose rows are
     * encoded here, not by STIL, which flushes) reaches its stream whole and unflushed, so that a
     * servlet response can go out in one piece with its Content-Length.
     */
    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/b"})
    void aVotableOfRowsAllFetchedIsHandedOverWithoutAFlush(String format) throws Exception {
        int[] flushes = {0};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                flushes[0]++;
            }
        };
        ListCursor fetched = ListCursor.fetched(List.of(new Object[] {1L}, new Object[] {2L}));

        Outputs.writer(format).write(new ResultTable(SampleTables.counterColumns(), fetched), out);

        assertEquals(0, flushes[0]);
        List<Object[]> read = FormatReaders.rows(FormatReaders.read(format, out.toByteArray()));
        assertEquals(List.of(1L, 2L), read.stream().map(row -> row[0]).toList());
    }
}

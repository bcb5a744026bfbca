package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MAXREC: at most maxRows rows are written, and one more row in the cursor is an overflow (DALI 5.4.3). */
class OverflowTest {

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b"})
    void moreRowsThanMaxRowsWritesMaxRowsAndAnOverflowInfoAfterTheTable(String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WriteSummary summary = Outputs.writer(format).write(counter(5, 3), out);
        assertEquals(new WriteSummary(3, true), summary);
        assertEquals(List.of("INFO:QUERY_STATUS=OK", "TABLE", "INFO:QUERY_STATUS=OVERFLOW"),
                VOTableDocuments.resourceOutline(out.toByteArray()));
        assertEquals(3, VOTableDocuments.rows(VOTableDocuments.readBack(out.toByteArray())).size());
        VOTableDocuments.validate(out.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b"})
    void exactlyMaxRowsRowsIsNotAnOverflow(String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WriteSummary summary = Outputs.writer(format).write(counter(3, 3), out);
        assertEquals(new WriteSummary(3, false), summary);
        assertEquals(List.of("INFO:QUERY_STATUS=OK", "TABLE"), VOTableDocuments.resourceOutline(out.toByteArray()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable", "csv"})
    void maxRowsZeroWritesOnlyTheMetadataAndReportsAnyRowAsOverflow(String format) throws Exception {
        assertEquals(new WriteSummary(0, true), Outputs.writer(format).write(counter(5, 0), new ByteArrayOutputStream()));
        assertEquals(new WriteSummary(0, false), Outputs.writer(format).write(counter(0, 0), new ByteArrayOutputStream()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "tsv"})
    void textFormatsStopAtMaxRowsAndReportTheOverflowOnlyInTheSummary(String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(new WriteSummary(3, true), Outputs.writer(format).write(counter(5, 3), out));
        assertEquals("n\n0\n1\n2\n", out.toString(StandardCharsets.UTF_8));
    }

    private static ResultTable counter(int rows, long maxRows) {
        return new ResultTable(SampleTables.counterColumns(), ListCursor.of(SampleTables.counterRows(rows)), maxRows, List.of());
    }
}

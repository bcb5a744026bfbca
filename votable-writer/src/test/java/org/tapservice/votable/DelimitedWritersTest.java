package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV and TSV (TAP 1.1 section 4.2): a header line of names, then values as VOTable TABLEDATA text. */
class DelimitedWritersTest {

    private static final List<ColumnMetadata> COLUMNS = List.of(
            ColumnMetadata.of("id", Datatype.LONG, null),
            ColumnMetadata.of("name", Datatype.UNICODE_CHAR, "*"),
            ColumnMetadata.of("flag", Datatype.BOOLEAN, null),
            ColumnMetadata.of("mag", Datatype.DOUBLE, null),
            ColumnMetadata.of("poly", Datatype.DOUBLE, "*"));

    private static final List<Object[]> ROWS = List.of(
            new Object[] {1L, "Ångström, \"the\" unit", true, Double.POSITIVE_INFINITY, new double[] {10, 10.5, 11, 10}},
            new Object[] {2L, "tab\there\nnewline", false, Double.NaN, null},
            new Object[] {null, null, null, null, null});

    @Test
    void csvQuotesValuesWithCommasOrQuotesAndWritesArraysSpaceSeparated() throws Exception {
        assertEquals("""
                id,name,flag,mag,poly
                1,"Ångström, ""the"" unit",T,+Inf,10.0 10.5 11.0 10.0
                2,"tab\there
                newline",F,NaN,
                ,,,,
                """, Outputs.text("csv", table()));
    }

    @Test
    void tsvSeparatesWithTabsAndTurnsTabsAndNewlinesInValuesIntoSpaces() throws Exception {
        assertEquals("""
                id\tname\tflag\tmag\tpoly
                1\tÅngström, "the" unit\tT\t+Inf\t10.0 10.5 11.0 10.0
                2\ttab here newline\tF\tNaN\t
                \t\t\t\t
                """, Outputs.text("tsv", table()));
    }

    @Test
    void unsignedBytesAreWrittenAsTheirUnsignedValues() throws Exception {
        List<ColumnMetadata> columns = List.of(ColumnMetadata.of("b", Datatype.UNSIGNED_BYTE, "*"));
        ResultTable table = new ResultTable(columns, ListCursor.of(List.<Object[]>of(new Object[] {new byte[] {0, (byte) 200, (byte) 255}})));
        assertEquals("b\n0 200 255\n", Outputs.text("csv", table));
    }

    private static ResultTable table() {
        return new ResultTable(COLUMNS, ListCursor.of(ROWS));
    }
}

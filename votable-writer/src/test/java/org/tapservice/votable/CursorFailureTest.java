package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import uk.ac.starlink.table.UnrepeatableSequenceException;

/** A cursor that fails mid-stream still leaves a well-formed document, and its failure reaches the caller. */
class CursorFailureTest {

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b"})
    void aCursorFailingMidStreamEndsTheVOTableWithQueryStatusErrorAndIsRethrown(String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultTable table = new ResultTable(SampleTables.counterColumns(), ListCursor.failingAt(2, SampleTables.counterRows(5)));

        IOException thrown = assertThrows(IOException.class, () -> Outputs.writer(format).write(table, out));

        assertEquals("connection to the database lost <&>", thrown.getMessage());
        byte[] document = out.toByteArray();
        VOTableDocuments.validate(document);
        assertEquals(List.of("INFO:QUERY_STATUS=OK", "TABLE", "INFO:QUERY_STATUS=ERROR"), VOTableDocuments.resourceOutline(document));
        assertTrue(errorInfo(document).getTextContent().contains("connection to the database lost <&>"));
        assertEquals(2, VOTableDocuments.rows(VOTableDocuments.readBack(document)).size(), "rows before the failure are kept");
    }

    @Test
    void aCellOfTheWrongJavaTypeFailsTheWriteNamingTheColumn() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultTable table = new ResultTable(List.of(ColumnMetadata.of("ra", Datatype.DOUBLE, null)),
                ListCursor.of(List.<Object[]>of(new Object[] {1.0}, new Object[] {new BigDecimal("2.5")})));

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Outputs.writer("votable").write(table, out));

        assertTrue(thrown.getMessage().contains("'ra'"), thrown.getMessage());
        assertTrue(errorInfo(out.toByteArray()).getTextContent().contains("BigDecimal"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "tsv"})
    void textFormatsEndAtTheLastWholeRowAndRethrow(String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultTable table = new ResultTable(SampleTables.counterColumns(), ListCursor.failingAt(2, SampleTables.counterRows(5)));

        assertThrows(IOException.class, () -> Outputs.writer(format).write(table, out));

        assertEquals("n\n0\n1\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aResultCanBeReadOnlyOnce() throws Exception {
        CursorStarTable table = new CursorStarTable(SampleTables.everyDatatype());
        table.getRowSequence().close();
        assertThrows(UnrepeatableSequenceException.class, table::getRowSequence);
    }

    private static Element errorInfo(byte[] document) throws Exception {
        var infos = VOTableDocuments.parse(document).getElementsByTagNameNS("*", "INFO");
        return (Element) infos.item(infos.getLength() - 1);
    }
}

package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** HTML: a page a browser shows, every text escaped, the query status stated after the table. */
class HtmlWriterTest {

    private static final List<ColumnMetadata> COLUMNS = List.of(
            new ColumnMetadata("<b>name</b>", Datatype.UNICODE_CHAR, "*", null, "\"u\"", null, null, "a 'description' & more"),
            ColumnMetadata.of("poly", Datatype.DOUBLE, "*"));

    @Test
    void valuesNamesAndDescriptionsAreEscapedSoNoneBecomesMarkup() throws Exception {
        ResultTable table = new ResultTable(COLUMNS, ListCursor.of(List.<Object[]>of(
                new Object[] {"<script>alert('x')</script> & \"Ω\"", new double[] {1, 2.5}})));
        byte[] page = Outputs.bytes("html", table);

        String text = new String(page, StandardCharsets.UTF_8);
        assertTrue(!text.contains("<script>") && !text.contains("<b>"), text);
        Document document = FormatReaders.parse(page);
        Element header = (Element) document.getElementsByTagName("th").item(0);
        assertEquals("<b>name</b> [\"u\"]", header.getTextContent());
        assertEquals("a 'description' & more", header.getAttribute("title"));
        assertEquals(List.<Object>of("<script>alert('x')</script> & \"Ω\"", "1.0 2.5"),
                Cells.comparable(FormatReaders.rows(FormatReaders.html(page)).getFirst()));
    }

    @Test
    void thePageDeclaresUtf8AndTheContentTypeSaysSo() throws Exception {
        assertEquals("text/html;charset=UTF-8", Outputs.writer("html").mimeType());
        assertTrue(Outputs.text("html", SampleTables.everyDatatype()).contains("<meta charset=\"utf-8\"/>"));
    }

    @Test
    void theInfosAreListedBeforeTheTable() throws Exception {
        ResultTable table = new ResultTable(COLUMNS, ListCursor.of(List.of()), 10, List.of(new Info("QUERY", "SELECT a < b")));
        String text = Outputs.text("html", table);
        assertTrue(text.indexOf("<dt>QUERY</dt><dd>SELECT a &lt; b</dd>") < text.indexOf("<table"), text);
        assertTrue(text.contains("<dt>QUERY_STATUS</dt><dd>OK</dd>"), text);
    }

    @Test
    void anOverflowIsStatedAfterTheTable() throws Exception {
        ResultTable table = new ResultTable(SampleTables.counterColumns(), ListCursor.of(SampleTables.counterRows(5)), 2, List.of());
        String text = Outputs.text("html", table);
        assertTrue(text.indexOf("QUERY_STATUS OVERFLOW") > text.indexOf("</table>"), text);
    }

    @Test
    void aCursorFailureIsStatedAfterTheRowsAlreadyWrittenAndRethrown() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultTable table = new ResultTable(SampleTables.counterColumns(), ListCursor.failingAt(2, SampleTables.counterRows(5)));

        assertThrows(IOException.class, () -> Outputs.writer("html").write(table, out));

        assertEquals(2, FormatReaders.rows(FormatReaders.html(out.toByteArray())).size());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("QUERY_STATUS ERROR") && text.contains("connection to the database lost &lt;&amp;&gt;"), text);
        assertTrue(Outputs.writer("html").marksErrorsInDocument());
    }
}

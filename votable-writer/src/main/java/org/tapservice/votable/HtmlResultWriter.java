package org.tapservice.votable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import uk.ac.starlink.table.RowSequence;

/**
 * The result as a plain HTML page, for people who open a query URL in a browser: the INFOs as
 * a definition list, then one TABLE whose header cells give each column's name and unit (its
 * description as the title), and cells as VOTable TABLEDATA text. Every text is escaped; no
 * script, style or link is written, so a value can never become markup. Truncation at MAXREC
 * and a failure part-way are stated in a paragraph after the table, as QUERY_STATUS is after
 * a VOTable's TABLE. Ours rather than STIL's HTML writer, which writes HTML 4 in the platform's
 * encoding and turns values that look like URLs into links.
 */
final class HtmlResultWriter implements ResultWriter {

    private static final FormatDescription DESCRIPTION =
            new FormatDescription("text/html;charset=UTF-8", List.of("html"), Optional.empty());

    @Override
    public FormatDescription description() {
        return DESCRIPTION;
    }

    @Override
    public boolean marksErrorsInDocument() {
        return true;
    }

    @Override
    public WriteSummary write(ResultTable table, OutputStream out) throws IOException {
        CursorStarTable rows = new CursorStarTable(table);
        Writer html = new BufferedWriter(new OutputStreamWriter(OutputBuffer.over(out), StandardCharsets.UTF_8));
        html.write("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\"/>\n<title>Query result</title>\n</head>\n<body>\n");
        writeInfos(html, table.infos());
        html.write("<table border=\"1\">\n<thead>\n<tr>");
        for (ColumnMetadata column : table.columns()) {
            writeHeaderCell(html, column);
        }
        html.write("</tr>\n</thead>\n<tbody>\n");
        html.flush(); // the page starts to render before the first row is read
        TabledataTextTable text = new TabledataTextTable(rows);
        try (RowSequence sequence = text.getRowSequence()) {
            while (sequence.next()) {
                html.write("<tr>");
                for (Object cell : sequence.getRow()) {
                    html.write("<td>");
                    html.write(escape((String) cell));
                    html.write("</td>");
                }
                html.write("</tr>\n");
            }
        }
        html.write("</tbody>\n</table>\n");
        CursorStarTable.Outcome outcome = rows.outcome();
        writeTrailingStatus(html, outcome);
        html.write("</body>\n</html>\n");
        html.flush();
        return outcome.summaryOrThrow();
    }

    private static void writeInfos(Writer html, List<Info> infos) throws IOException {
        html.write("<dl>\n<dt>QUERY_STATUS</dt><dd>OK</dd>\n");
        for (Info info : infos) {
            html.write("<dt>" + escape(info.name()) + "</dt><dd>" + escape(info.value()));
            if (info.content() != null) {
                html.write(" " + escape(info.content()));
            }
            html.write("</dd>\n");
        }
        html.write("</dl>\n");
    }

    private static void writeHeaderCell(Writer html, ColumnMetadata column) throws IOException {
        html.write(column.description() == null ? "<th>" : "<th title=\"" + escape(column.description()) + "\">");
        html.write(escape(column.name()));
        if (column.unit() != null) {
            html.write(" [" + escape(column.unit()) + "]");
        }
        html.write("</th>");
    }

    private static void writeTrailingStatus(Writer html, CursorStarTable.Outcome outcome) throws IOException {
        if (outcome.failure() != null) {
            html.write("<p>QUERY_STATUS ERROR: the query failed after row " + outcome.rowsWritten() + ": "
                    + escape(String.valueOf(outcome.failure().getMessage())) + "</p>\n");
        } else if (outcome.overflow()) {
            html.write("<p>QUERY_STATUS OVERFLOW: the result has more rows than the " + outcome.rowsWritten()
                    + " shown (MAXREC).</p>\n");
        }
    }

    /** Text as HTML character data or a quoted attribute value. */
    static String escape(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            String entity = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null && escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (escaped != null) {
                if (entity != null) {
                    escaped.append(entity);
                } else {
                    escaped.append(text.charAt(i));
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }

    @Override
    public String toString() {
        return "HTML";
    }
}

package org.tapservice.votable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StreamStarTableWriter;

/**
 * IANA text/tab-separated-values with a header line of column names, as a STIL writer. STIL has
 * none (its TST format is Starlink's, with a header block), and its CSV writer would quote.
 * TSV has no escapes and TAP forbids TABs in values, so a TAB, CR or LF inside a value becomes
 * a space rather than breaking the row apart.
 */
final class TsvTableWriter extends StreamStarTableWriter {

    @Override
    public String getFormatName() {
        return "TSV";
    }

    @Override
    public String getMimeType() {
        return "text/tab-separated-values";
    }

    @Override
    public boolean looksLikeFile(String location) {
        return location.endsWith(".tsv");
    }

    @Override
    public void writeStarTable(StarTable table, OutputStream out) throws IOException {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        int columns = table.getColumnCount();
        for (int i = 0; i < columns; i++) {
            writeField(text, i, table.getColumnInfo(i).getName(), columns);
        }
        try (RowSequence rows = table.getRowSequence()) {
            while (rows.next()) {
                Object[] row = rows.getRow();
                for (int i = 0; i < columns; i++) {
                    writeField(text, i, row[i] == null ? "" : row[i].toString(), columns);
                }
            }
        }
        text.flush();
    }

    private static void writeField(Writer text, int column, String value, int columns) throws IOException {
        text.write(value.replace('\t', ' ').replace('\r', ' ').replace('\n', ' '));
        text.write(column == columns - 1 ? '\n' : '\t');
    }
}

package org.tapservice.votable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StreamStarTableWriter;

/**
 * Delimited text with a header line of column names, in UTF-8, lines ended by LF (which CSV
 * readers accept): RFC 4180 CSV and IANA text/tab-separated-values. Ours rather than STIL's
 * because STIL has no plain TSV writer (its TST is Starlink's, with a header block) and its CSV
 * writer keeps the header line in a buffer of its own, where we cannot send it before the first
 * row is read.
 */
final class DelimitedTableWriter extends StreamStarTableWriter {

    private final String formatName;
    private final String mimeType;
    private final char delimiter;
    private final UnaryOperator<String> field;

    private DelimitedTableWriter(String formatName, String mimeType, char delimiter, UnaryOperator<String> field) {
        this.formatName = formatName;
        this.mimeType = mimeType;
        this.delimiter = delimiter;
        this.field = field;
    }

    /** RFC 4180: a field holding a comma, a double quote or a line break is quoted, its quotes doubled. */
    static DelimitedTableWriter csv() {
        return new DelimitedTableWriter("CSV", "text/csv", ',', DelimitedTableWriter::csvField);
    }

    /**
     * TSV has no escapes and TAP forbids TABs in values, so a TAB, CR or LF inside a value
     * becomes a space rather than breaking the row apart.
     */
    static DelimitedTableWriter tsv() {
        return new DelimitedTableWriter("TSV", "text/tab-separated-values", '\t',
                value -> value.replace('\t', ' ').replace('\r', ' ').replace('\n', ' '));
    }

    @Override
    public String getFormatName() {
        return formatName;
    }

    @Override
    public String getMimeType() {
        return mimeType;
    }

    @Override
    public boolean looksLikeFile(String location) {
        return location.endsWith("." + formatName.toLowerCase(Locale.ROOT));
    }

    /** Writes the header line and sends it on before the first row is read; flushes at the end. */
    @Override
    public void writeStarTable(StarTable table, OutputStream out) throws IOException {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        int columns = table.getColumnCount();
        for (int i = 0; i < columns; i++) {
            writeField(text, i, table.getColumnInfo(i).getName(), columns);
        }
        text.flush();
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

    private void writeField(Writer text, int column, String value, int columns) throws IOException {
        text.write(field.apply(value));
        text.write(column == columns - 1 ? '\n' : delimiter);
    }

    private static String csvField(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return '"' + value.replace("\"", "\"\"") + '"';
            }
        }
        return value;
    }
}

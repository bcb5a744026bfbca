package org.tapservice.votable;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * CSV (RFC 4180) and TSV (IANA text/tab-separated-values), each with a header line of column
 * names and values as VOTable TABLEDATA text. Neither format can say that a result was
 * truncated (DALI 5.4.3) or failed; the caller learns both from the summary or the exception.
 * A null is an empty field.
 */
final class DelimitedResultWriter implements ResultWriter {

    private final DelimitedTableWriter textWriter;
    private final FormatDescription description;

    private DelimitedResultWriter(DelimitedTableWriter textWriter, String mime, String alias) {
        this.textWriter = textWriter;
        this.description = new FormatDescription(mime, List.of(alias), Optional.empty());
    }

    static DelimitedResultWriter csv() {
        return new DelimitedResultWriter(DelimitedTableWriter.csv(), "text/csv;header=present", "csv");
    }

    static DelimitedResultWriter tsv() {
        return new DelimitedResultWriter(DelimitedTableWriter.tsv(), "text/tab-separated-values", "tsv");
    }

    @Override
    public FormatDescription description() {
        return description;
    }

    @Override
    public WriteSummary write(ResultTable table, OutputStream out) throws IOException {
        CursorStarTable rows = new CursorStarTable(table);
        OutputBuffer bytes = OutputBuffer.over(out);
        textWriter.writeStarTable(new TabledataTextTable(rows), bytes);
        bytes.flush();
        return rows.outcome().summaryOrThrow();
    }

    @Override
    public String toString() {
        return formatName();
    }
}

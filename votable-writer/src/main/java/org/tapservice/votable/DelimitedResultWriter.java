package org.tapservice.votable;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import uk.ac.starlink.table.StarTableWriter;
import uk.ac.starlink.table.formats.CsvTableWriter;

/**
 * CSV (RFC 4180, by STIL's CSV writer) and TSV (IANA text/tab-separated-values), each with a
 * header line of column names and values as VOTable TABLEDATA text. Neither format can say
 * that a result was truncated (DALI 5.4.3) or failed; the caller learns both from the summary
 * or the exception. Lines end with LF, which CSV readers accept; a null is an empty field.
 */
final class DelimitedResultWriter implements ResultWriter {

    // STIL writers are configured through setters: make one per write rather than share a mutable one.
    private final Supplier<StarTableWriter> stilWriter;
    private final FormatDescription description;

    private DelimitedResultWriter(Supplier<StarTableWriter> stilWriter, String mime, String alias) {
        this.stilWriter = stilWriter;
        this.description = new FormatDescription(mime, List.of(alias), Optional.empty());
    }

    static DelimitedResultWriter csv() {
        return new DelimitedResultWriter(() -> new CsvTableWriter(true), "text/csv;header=present", "csv");
    }

    static DelimitedResultWriter tsv() {
        return new DelimitedResultWriter(TsvTableWriter::new, "text/tab-separated-values", "tsv");
    }

    @Override
    public FormatDescription description() {
        return description;
    }

    @Override
    public WriteSummary write(ResultTable table, OutputStream out) throws IOException {
        CursorStarTable rows = new CursorStarTable(table);
        BufferedOutputStream bytes = OutputBuffer.over(out);
        stilWriter.get().writeStarTable(new TabledataTextTable(rows), bytes);
        bytes.flush();
        return rows.outcome().summaryOrThrow();
    }

    @Override
    public String toString() {
        return formatName();
    }
}

package org.tapservice.votable;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.StringElementSizer;
import uk.ac.starlink.votable.VOSerializer;
import uk.ac.starlink.votable.VOSerializerConfig;

/**
 * A VOTable 1.4 DALI result in one serialization. We write the envelope and INFO elements;
 * STIL's VOSerializer writes the TABLE with its FIELDs and streams the DATA element.
 */
final class VOTableResultWriter implements ResultWriter {

    static final String MEDIA_TYPE = "application/x-votable+xml";
    private static final String TAPREGEXT = "ivo://ivoa.net/std/TAPRegExt#";

    /** Distinct column lists kept: far more than an archive's usual queries, a few MB at most. */
    private static final int CACHED_HEADERS = 1024;

    private final DataFormat serialization;
    private final FormatDescription description;
    /** Whether BINARY and BINARY2 rows are encoded by {@link BinaryRowEncoder} where it can. */
    private final boolean directEncoding;
    /**
     * The TABLE start and its FIELDs, by column list. STIL formats every attribute of every
     * FIELD anew each time, which for a small result (a cone search) costs more than its rows;
     * the same columns are asked for again and again.
     */
    private final Map<List<ColumnMetadata>, String> headers;

    private VOTableResultWriter(DataFormat serialization, String ivoIdFragment, List<String> aliases,
                                boolean directEncoding) {
        this.serialization = serialization;
        this.directEncoding = directEncoding;
        this.headers = new ConcurrentHashMap<>();
        this.description = new FormatDescription(MEDIA_TYPE + ";serialization=" + serialization,
                aliases, Optional.of(TAPREGEXT + ivoIdFragment));
    }

    static VOTableResultWriter binary2() {
        return new VOTableResultWriter(DataFormat.BINARY2, "output-votable-binary2", List.of("votable", "vot", "votable/b2"),
                true);
    }

    static VOTableResultWriter binary() {
        return new VOTableResultWriter(DataFormat.BINARY, "output-votable-binary", List.of("votable/b"), true);
    }

    static VOTableResultWriter tabledata() {
        return new VOTableResultWriter(DataFormat.TABLEDATA, "output-votable-td", List.of("votable/td"), false);
    }

    /**
     * The same format with every row encoded by STIL: what the direct encoding must equal. It
     * shares this writer's headers, whose COOSYS and TIMESYS IDs STIL numbers anew each time.
     */
    VOTableResultWriter encodedByStil() {
        return new VOTableResultWriter(serialization, description, false, headers);
    }

    private VOTableResultWriter(DataFormat serialization, FormatDescription description, boolean directEncoding,
                                Map<List<ColumnMetadata>, String> headers) {
        this.serialization = serialization;
        this.description = description;
        this.directEncoding = directEncoding;
        this.headers = headers;
    }

    @Override
    public boolean marksErrorsInDocument() {
        return true;
    }

    @Override
    public FormatDescription description() {
        return description;
    }

    @Override
    public WriteSummary write(ResultTable table, OutputStream out) throws IOException {
        CursorStarTable rows = new CursorStarTable(table);
        // preserveDatatypes: TAP wants TAP_SCHEMA's datatypes, not types STIL thinks better;
        // NOCALC: a sizing pass over String[] columns would be a second pass, and we have none.
        VOSerializer serializer = VOSerializer.makeSerializer(
                new VOSerializerConfig(serialization, VOTableEnvelope.VERSION, StringElementSizer.NOCALC, true),
                new AsciiCharTable(rows, table.columns()));
        serializer.setCompact(true); // STIL indents TABLEDATA of over 4 columns: bytes for nobody
        BufferedOutputStream bytes = OutputBuffer.over(out);
        // The XML text and STIL's data bytes share one stream: flush the text before each handover.
        BufferedWriter xml = new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8));

        VOTableEnvelope.open(xml);
        VOTableEnvelope.statusOk(xml);
        for (Info info : table.infos()) {
            VOTableEnvelope.info(xml, info);
        }
        xml.write(header(table.columns(), serializer));
        xml.flush();
        Optional<BinaryRowEncoder> direct = directEncoding
                ? BinaryRowEncoder.forColumns(table.columns(), serialization == DataFormat.BINARY2)
                : Optional.empty();
        if (direct.isPresent()) {
            writeData(rows, direct.get(), bytes);
        } else {
            serializer.writeInlineDataElementUTF8(bytes);
        }
        serializer.writePostDataXML(xml);
        CursorStarTable.Outcome outcome = rows.outcome();
        VOTableEnvelope.trailingStatus(xml, outcome);
        List<ServiceDescriptor> services = Stream.concat(table.services().stream(),
                table.rows().trailingServices().stream()).toList();
        VOTableEnvelope.close(xml, services, services.isEmpty() ? Map.of() : FieldIds.byName(table.columns()));
        xml.flush();
        return outcome.summaryOrThrow();
    }

    /** The DATA element as STIL writes it inline, its rows encoded directly. */
    private void writeData(CursorStarTable rows, BinaryRowEncoder encoder, OutputStream out) throws IOException {
        String tag = serialization.toString();
        out.write(("<DATA>\n<" + tag + ">\n<STREAM encoding='base64'>\n").getBytes(StandardCharsets.US_ASCII));
        Base64Stream stream = new Base64Stream(out);
        try (RowSequence sequence = rows.getRowSequence()) {
            while (sequence.next()) {
                encoder.encode(sequence.getRow(), stream);
            }
        }
        stream.finish();
        out.write(("</STREAM>\n</" + tag + ">\n</DATA>\n").getBytes(StandardCharsets.US_ASCII));
    }

    private String header(List<ColumnMetadata> columns, VOSerializer serializer) throws IOException {
        String cached = headers.get(columns);
        if (cached != null) {
            return cached;
        }
        StringWriter text = new StringWriter();
        try (BufferedWriter buffer = new BufferedWriter(text)) {
            serializer.writePreDataXML(buffer);
        }
        if (headers.size() >= CACHED_HEADERS) {
            headers.clear();
        }
        headers.put(List.copyOf(columns), text.toString());
        return text.toString();
    }

    @Override
    public String toString() {
        return "VOTable " + serialization;
    }
}

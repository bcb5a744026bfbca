package org.tapservice.votable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowListStarTable;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.WrapperStarTable;
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
    private static final int CACHED_LAYOUTS = 1024;

    private final DataFormat serialization;
    private final FormatDescription description;
    /** Whether BINARY and BINARY2 rows are encoded by {@link BinaryRowEncoder} where it can. */
    private final boolean directEncoding;
    /**
     * What every result with the same columns shares, by column list. For a small result (a
     * cone search) working it out costs more than the rows: STIL formats every attribute of
     * every FIELD anew each time. The same columns are asked for again and again.
     */
    private final BoundedCache<ColumnMetadata, Layout> layouts;

    /**
     * The columns as STIL sees them, the XML from the TABLE start to the DATA element (its
     * FIELDs), from the end of DATA to the end of the TABLE, and the document's end after the
     * results RESOURCE by the service descriptors it carries (usually one set per column list).
     */
    private record Layout(List<StilColumn> columns, String preData, String postData, Map<String, String> fieldIds,
                          BoundedCache<ServiceDescriptor, String> closings) {

        /** Sets of service descriptors kept: one or two per column list in practice. */
        private static final int CACHED_CLOSINGS = 16;

        String closing(List<ServiceDescriptor> services) throws IOException {
            return closings.get(services, key -> {
                StringBuilder xml = new StringBuilder();
                VOTableEnvelope.close(xml, key, fieldIds);
                return xml.toString();
            });
        }
    }

    private VOTableResultWriter(DataFormat serialization, String ivoIdFragment, List<String> aliases,
                                boolean directEncoding) {
        this.serialization = serialization;
        this.directEncoding = directEncoding;
        this.layouts = new BoundedCache<>(CACHED_LAYOUTS);
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
     * shares this writer's layouts, whose COOSYS and TIMESYS IDs STIL numbers anew each time.
     */
    VOTableResultWriter encodedByStil() {
        return new VOTableResultWriter(serialization, description, false, layouts);
    }

    private VOTableResultWriter(DataFormat serialization, FormatDescription description, boolean directEncoding,
                                BoundedCache<ColumnMetadata, Layout> layouts) {
        this.serialization = serialization;
        this.description = description;
        this.directEncoding = directEncoding;
        this.layouts = layouts;
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
        Layout layout = layouts.get(table.columns(), this::layout);
        CursorStarTable rows = new CursorStarTable(table, layout.columns());
        OutputBuffer bytes = OutputBuffer.over(out);
        // The text before and after DATA is assembled as a string and encoded in one go.
        StringBuilder xml = new StringBuilder(4096);
        VOTableEnvelope.open(xml);
        VOTableEnvelope.statusOk(xml);
        for (Info info : table.infos()) {
            VOTableEnvelope.info(xml, info);
        }
        xml.append(layout.preData());
        bytes.write(utf8(xml));
        if (!table.rows().allFetched()) {
            bytes.flush(); // the client sees the columns while the first rows are still being read
        }
        Optional<BinaryRowEncoder> direct = directEncoding
                ? BinaryRowEncoder.forColumns(table.columns(), serialization == DataFormat.BINARY2)
                : Optional.empty();
        if (direct.isPresent()) {
            writeData(rows, direct.get(), bytes);
        } else {
            serializer(rows, table.columns()).writeInlineDataElementUTF8(bytes);
        }
        xml.setLength(0);
        xml.append(layout.postData());
        CursorStarTable.Outcome outcome = rows.outcome();
        VOTableEnvelope.trailingStatus(xml, outcome);
        List<ServiceDescriptor> services = Stream.concat(table.services().stream(),
                table.rows().trailingServices().stream()).toList();
        xml.append(layout.closing(services));
        bytes.write(utf8(xml));
        bytes.drain();
        return outcome.summaryOrThrow();
    }

    /**
     * STIL's serializer of a table in this format. preserveDatatypes: TAP wants TAP_SCHEMA's
     * datatypes, not types STIL thinks better; NOCALC: a sizing pass over String[] columns would
     * be a second pass, and we have none.
     */
    private VOSerializer serializer(StarTable rows, List<ColumnMetadata> columns) throws IOException {
        VOSerializer serializer = VOSerializer.makeSerializer(
                new VOSerializerConfig(serialization, VOTableEnvelope.VERSION, StringElementSizer.NOCALC, true),
                new AsciiCharTable(rows, columns));
        serializer.setCompact(true); // STIL indents TABLEDATA of over 4 columns: bytes for nobody
        return serializer;
    }

    private static byte[] utf8(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
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

    private Layout layout(List<ColumnMetadata> columns) throws IOException {
        List<StilColumn> stilColumns = StilColumn.of(columns);
        // STIL writes the XML around the DATA from the table's metadata alone: a table without
        // rows gives it, its row count unknown like a result's (else STIL could write nrows="0").
        StarTable metadata = new WrapperStarTable(new RowListStarTable(
                stilColumns.stream().map(StilColumn::info).toArray(ColumnInfo[]::new))) {
            @Override
            public long getRowCount() {
                return -1;
            }
        };
        VOSerializer serializer = serializer(metadata, columns);
        return new Layout(stilColumns, xml(serializer::writePreDataXML), xml(serializer::writePostDataXML),
                FieldIds.byName(columns), new BoundedCache<>(Layout.CACHED_CLOSINGS));
    }

    /** Something STIL writes as XML text, as a string. */
    private interface XmlPart {
        void writeTo(BufferedWriter writer) throws IOException;
    }

    private static String xml(XmlPart part) throws IOException {
        StringWriter text = new StringWriter();
        try (BufferedWriter buffer = new BufferedWriter(text)) {
            part.writeTo(buffer);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "VOTable " + serialization;
    }
}

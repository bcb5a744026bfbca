package org.tapservice.votable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.RecordConsumer;
import uk.ac.starlink.parquet.StarParquetWriter;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.StringElementSizer;
import uk.ac.starlink.votable.VOSerializer;
import uk.ac.starlink.votable.VOSerializerConfig;

/**
 * VOParquet (IVOA Note "VOParquet", version 1.0): a Parquet file whose key-value metadata holds
 * a VOTable with the result's FIELDs and no DATA, under {@code IVOA.VOTable-Parquet.content},
 * so that the columns keep their datatype, arraysize, unit, UCD, utype, xtype, description and
 * frame. STIL's Parquet writer encodes the rows.
 *
 * <p>Parquet keeps its footer, and so that VOTable, to the end of the file: the metadata is
 * therefore the whole DALI result document, QUERY_STATUS OVERFLOW or ERROR included, written
 * once the rows are known. Rows are encoded a row group at a time; a row group is flushed when
 * its encoded size reaches {@link #ROW_GROUP_BYTES} (16 MiB), which bounds the memory a write holds. The
 * four-byte magic number that starts a Parquet file is sent before the first row is read.
 *
 * <p>The data are not compressed: Parquet's dictionary and run-length encodings already shrink
 * repetitive columns, and the compression codecs are native code. Most Parquet readers ignore
 * the metadata, so a failure part-way is also rethrown for the caller to abort the transfer.
 */
final class ParquetResultWriter implements ResultWriter {

    /** The row group, Parquet's unit of buffering: a few pages per column of a wide result. */
    static final int ROW_GROUP_BYTES = 16 * 1024 * 1024;

    private final int rowGroupBytes;

    ParquetResultWriter() {
        this(ROW_GROUP_BYTES);
    }

    ParquetResultWriter(int rowGroupBytes) {
        this.rowGroupBytes = rowGroupBytes;
    }

    private static final String CONTENT_KEY = "IVOA.VOTable-Parquet.content";
    private static final String VERSION_KEY = "IVOA.VOTable-Parquet.version";

    private static final FormatDescription DESCRIPTION =
            new FormatDescription("application/vnd.apache.parquet", List.of("parquet", "voparquet"), Optional.empty());

    @Override
    public FormatDescription description() {
        return DESCRIPTION;
    }

    @Override
    public WriteSummary write(ResultTable table, OutputStream out) throws IOException {
        CursorStarTable rows = new CursorStarTable(table);
        OutputBuffer bytes = OutputBuffer.over(out);
        Supplier<String> metadata = () -> metadataDocument(table, rows);
        ParquetWriter<Object[]> parquet = new VOParquetBuilder(rows, new StreamOutputFile(bytes), metadata)
                // arrays as Parquet's LIST type, the form other readers expect, which can be null
                .withGroupArray(true)
                // no defaults read from the class path: they are Hadoop's, for Hadoop's file systems
                .withConf(new Configuration(false))
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withRowGroupSize((long) rowGroupBytes)
                .build();
        bytes.flush();
        try (parquet; RowSequence sequence = rows.getRowSequence()) {
            while (sequence.next()) {
                parquet.write(sequence.getRow());
            }
        }
        bytes.flush();
        return rows.outcome().summaryOrThrow();
    }

    /** The DALI result document without DATA: envelope, INFOs, the TABLE's FIELDs, the final status. */
    private static String metadataDocument(ResultTable table, CursorStarTable rows) {
        try {
            StringWriter text = new StringWriter();
            try (BufferedWriter xml = new BufferedWriter(text)) {
                VOSerializer serializer = VOSerializer.makeSerializer(new VOSerializerConfig(DataFormat.TABLEDATA,
                        VOTableEnvelope.VERSION, StringElementSizer.NOCALC, true), rows);
                VOTableEnvelope.open(xml);
                VOTableEnvelope.statusOk(xml);
                for (Info info : table.infos()) {
                    VOTableEnvelope.info(xml, info);
                }
                serializer.writePreDataXML(xml);
                serializer.writePostDataXML(xml);
                VOTableEnvelope.trailingStatus(xml, rows.outcome());
                VOTableEnvelope.close(xml);
            }
            return text.toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot describe the result in VOTable: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "VOParquet";
    }

    /** STIL's builder, its write support wrapped to add the metadata document when the file ends. */
    private static final class VOParquetBuilder extends StarParquetWriter.StarBuilder {

        private final Supplier<String> metadata;

        VOParquetBuilder(CursorStarTable table, StreamOutputFile file, Supplier<String> metadata) {
            super(table, file);
            this.metadata = metadata;
        }

        @Override
        public WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return new MetadataAtEnd(super.getWriteSupport(conf), metadata);
        }
    }

    /** A write support whose footer metadata is made only after the last row. */
    private static final class MetadataAtEnd extends WriteSupport<Object[]> {

        private final WriteSupport<Object[]> stil;
        private final Supplier<String> metadata;

        MetadataAtEnd(WriteSupport<Object[]> stil, Supplier<String> metadata) {
            this.stil = stil;
            this.metadata = metadata;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return stil.init(configuration);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            stil.prepareForWrite(recordConsumer);
        }

        @Override
        public void write(Object[] row) {
            stil.write(row);
        }

        @Override
        public String getName() {
            return stil.getName();
        }

        @Override
        public FinalizedWriteContext finalizeWrite() {
            Map<String, String> extra = new HashMap<>(stil.finalizeWrite().getExtraMetaData());
            extra.put(CONTENT_KEY, metadata.get());
            extra.put(VERSION_KEY, "1.0");
            return new FinalizedWriteContext(extra);
        }
    }
}

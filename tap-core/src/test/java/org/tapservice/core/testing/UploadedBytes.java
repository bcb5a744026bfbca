package org.tapservice.core.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.tapservice.core.upload.UploadContent;
import org.tapservice.core.upload.UploadParts;

import uk.ac.starlink.fits.FitsTableWriter;
import uk.ac.starlink.table.ArrayColumn;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.ColumnStarTable;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.votable.DataFormat;
import uk.ac.starlink.votable.VOTableVersion;
import uk.ac.starlink.votable.VOTableWriter;

/** Tables as clients upload them: written by STIL, as TOPCAT and the VO tools do, and handed over as parts. */
public final class UploadedBytes implements UploadContent {

    private final byte[] bytes;
    private final Optional<String> contentType;

    private UploadedBytes(byte[] bytes, Optional<String> contentType) {
        this.bytes = bytes;
        this.contentType = contentType;
    }

    public static UploadedBytes of(byte[] bytes, String contentType) {
        return new UploadedBytes(bytes, Optional.ofNullable(contentType));
    }

    public static UploadedBytes text(String text, String contentType) {
        return of(text.getBytes(StandardCharsets.UTF_8), contentType);
    }

    public static UploadedBytes votable(StarTable table, DataFormat format) {
        return of(write(out -> new VOTableWriter(format, true, VOTableVersion.V14).writeStarTable(table, out)),
                "application/x-votable+xml");
    }

    public static UploadedBytes fits(StarTable table) {
        return of(write(out -> new FitsTableWriter().writeStarTable(table, out)), "application/fits");
    }

    /** The same bytes as sent without a media type. */
    public UploadedBytes untyped() {
        return new UploadedBytes(bytes, Optional.empty());
    }

    /** The first {@code length} bytes only, as a transfer that broke off. */
    public UploadedBytes truncated(int length) {
        return new UploadedBytes(Arrays.copyOf(bytes, length), contentType);
    }

    @Override
    public Optional<String> contentType() {
        return contentType;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(bytes.length);
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }

    /** A request whose parts are these, by name. */
    public static UploadParts parts(Map<String, UploadedBytes> parts) {
        return name -> Optional.ofNullable(parts.get(name));
    }

    /**
     * Positions of three sources, as the sample catalogue has them at ra 10.0, 10.5 and 10.9,
     * dec 10 (ids 100, 105, 109), and one far from all of them (id 999).
     */
    public static StarTable positions() {
        ColumnStarTable table = ColumnStarTable.makeTableWithRows(4);
        table.addColumn(ArrayColumn.makeColumn(info("id", Integer.class, null, "meta.id"), new int[] {100, 105, 109, 999}));
        table.addColumn(ArrayColumn.makeColumn(info("ra", Double.class, "deg", "pos.eq.ra"),
                new double[] {10.0, 10.5, 10.9, 200.0}));
        table.addColumn(ArrayColumn.makeColumn(info("dec", Double.class, "deg", "pos.eq.dec"),
                new double[] {10.0, 10.0, 10.0, -45.0}));
        return table;
    }

    public static ColumnInfo info(String name, Class<?> type, String unit, String ucd) {
        ColumnInfo info = new ColumnInfo(name, type, "column " + name);
        info.setUnitString(unit);
        info.setUCD(ucd);
        return info;
    }

    @FunctionalInterface
    private interface Writer {
        void write(ByteArrayOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package org.tapservice.core.upload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.tapservice.core.TapException;

/**
 * The table formats an upload may be in. The media type it was sent with decides; only when
 * that says nothing (none, application/octet-stream, or a type no table format has) are the
 * first bytes looked at. A CSV upload is therefore never read as VOTable, whatever its first
 * cell holds, and a VOTable sent as such is never taken for CSV however broken it is.
 */
public enum UploadFormat {

    VOTABLE("VOTable", "application/x-votable+xml", "vot",
            Set.of("application/x-votable+xml", "application/votable+xml", "text/xml", "application/xml",
                    "text/x-votable+xml")),
    CSV("CSV", "text/csv", "csv", Set.of("text/csv", "application/csv", "text/comma-separated-values")),
    FITS("FITS", "application/fits", "fits", Set.of("application/fits", "image/fits", "application/x-fits"));

    /** FITS files begin with this card, the keyword padded to eight characters. */
    private static final byte[] FITS_START = "SIMPLE  =".getBytes(StandardCharsets.US_ASCII);
    private static final int INTRO = 64;

    private final String title;
    private final String mediaType;
    private final String extension;
    private final Set<String> mediaTypes;

    UploadFormat(String title, String mediaType, String extension, Set<String> mediaTypes) {
        this.title = title;
        this.mediaType = mediaType;
        this.extension = extension;
        this.mediaTypes = mediaTypes;
    }

    /** The format's name for messages. */
    public String title() {
        return title;
    }

    /** The media type a stored copy is served with. */
    public String mediaType() {
        return mediaType;
    }

    /** The file name extension a stored copy carries, which brings its format back. */
    public String extension() {
        return extension;
    }

    public static Optional<UploadFormat> ofExtension(String extension) {
        return Arrays.stream(values()).filter(format -> format.extension.equals(extension)).findFirst();
    }

    /** The format a media type names, parameters (charset, serialization) ignored. */
    public static Optional<UploadFormat> ofMediaType(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.mediaTypes.contains(type)).findFirst();
    }

    /**
     * The format of an upload: the one its media type names, else the one its first bytes show.
     *
     * @throws TapException (400) for a compressed upload, which is not read (a few compressed
     *         bytes can stand for far more than the limits allow)
     */
    public static UploadFormat of(String table, UploadContent content) throws IOException {
        Optional<UploadFormat> declared = content.contentType().flatMap(UploadFormat::ofMediaType);
        return declared.isPresent() ? declared.get() : sniff(table, intro(content));
    }

    static UploadFormat sniff(String table, byte[] intro) {
        if (startsWith(intro, new byte[] {0x1f, (byte) 0x8b}) || startsWith(intro, new byte[] {'B', 'Z', 'h'})) {
            throw TapException.invalid("upload '" + table + "' is compressed; send the table uncompressed");
        }
        if (startsWith(intro, FITS_START)) {
            return FITS;
        }
        int first = 0;
        if (startsWith(intro, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf})) {
            first = 3;
        }
        while (first < intro.length && Character.isWhitespace(intro[first])) {
            first++;
        }
        return first < intro.length && intro[first] == '<' ? VOTABLE : CSV;
    }

    private static byte[] intro(UploadContent content) throws IOException {
        try (InputStream in = content.open()) {
            return in.readNBytes(INTRO);
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}

package org.tapservice.obscore.fits;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.fits.TruncatedFileException;
import nom.tam.util.ArrayDataInput;
import nom.tam.util.FitsInputStream;
import nom.tam.util.FitsOutputStream;

/**
 * Reads the headers of a FITS file (plain or gzipped) without reading its data: the primary
 * header, then each extension's header with its data unit skipped, until the HDU that holds the
 * data set (the first image with pixels, else the first table). Compressed images (a BINTABLE
 * with ZIMAGE = T) are read as the images they hold.
 */
public final class FitsHeaderReader {

    /** A FITS file with more HDUs than this before its data is not one data set per file. */
    private static final int MAX_HDUS = 64;

    public ObservationHeader read(Path file) throws FitsReadException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             InputStream in = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
                     ? new GZIPInputStream(raw) : raw;
             FitsInputStream fits = new FitsInputStream(in)) {
            Header primary = readHeader(fits, file, 0);
            if (naxis(primary) > 0) {
                return header(primary, null, 0);
            }
            Header firstTable = null;
            int tableIndex = -1;
            skipData(fits, primary);
            for (int hdu = 1; hdu < MAX_HDUS; hdu++) {
                Header extension;
                try {
                    extension = Header.readHeader(fits);
                } catch (EOFException e) {
                    break;
                }
                if (extension == null) {
                    break;
                }
                String type = extension.getStringValue("XTENSION", "").strip().toUpperCase(Locale.ROOT);
                boolean compressedImage = extension.getBooleanValue("ZIMAGE", false);
                if ((type.equals("IMAGE") && naxis(extension) > 0) || compressedImage) {
                    return header(primary, extension, hdu);
                }
                if (firstTable == null && (type.equals("BINTABLE") || type.equals("TABLE"))) {
                    firstTable = extension;
                    tableIndex = hdu;
                }
                skipData(fits, extension);
            }
            if (firstTable != null) {
                return header(primary, firstTable, tableIndex);
            }
            return header(primary, null, 0);
        } catch (FitsReadException e) {
            throw e;
        } catch (TruncatedFileException | EOFException e) {
            throw new FitsReadException(file + ": the file ends inside a header (truncated FITS?)", e);
        } catch (IOException | FitsException e) {
            throw new FitsReadException(file + ": not a readable FITS file: " + e.getMessage(), e);
        }
    }

    /** The header kept by {@link ObservationHeader#stored()}, read back. */
    public static ObservationHeader restore(byte[] stored) throws FitsReadException {
        try (FitsInputStream in = new FitsInputStream(new ByteArrayInputStream(stored))) {
            int hdu = in.readInt();
            Header primary = Header.readHeader(in);
            Header extension = hdu > 0 ? Header.readHeader(in) : null;
            return header(primary, extension, hdu);
        } catch (IOException | FitsException e) {
            throw new FitsReadException("a stored header cannot be read back: " + e.getMessage(), e);
        }
    }

    private static Header readHeader(ArrayDataInput fits, Path file, int hdu) throws IOException, FitsException {
        Header header = Header.readHeader(fits);
        if (header == null) {
            throw new FitsReadException(file + ": HDU " + hdu + " has no header", null);
        }
        return header;
    }

    private static void skipData(ArrayDataInput fits, Header header) throws IOException {
        long size = header.getDataSize();
        if (size > 0) {
            fits.skipAllBytes(size);
        }
    }

    private static int naxis(Header header) {
        return header.getIntValue("NAXIS", 0);
    }

    private static ObservationHeader header(Header primary, Header extension, int hdu) throws FitsException, IOException {
        var cards = new ArrayList<Card>();
        add(primary, cards, false);
        if (extension != null) {
            add(extension, cards, extension.getBooleanValue("ZIMAGE", false));
        }
        var stored = new ByteArrayOutputStream();
        try (FitsOutputStream out = new FitsOutputStream(stored)) {
            out.writeInt(hdu);
            primary.writeUnchecked(out);
            if (extension != null) {
                extension.writeUnchecked(out);
            }
        }
        String description = extension == null ? "primary HDU"
                : "HDU " + hdu + " (" + extension.getStringValue("XTENSION", "?").strip()
                        + extension.getStringValue("EXTNAME", "").strip().transform(n -> n.isEmpty() ? "" : " " + n) + ")";
        return new ObservationHeader(new FitsHeader(cards), hdu, description, stored.toByteArray());
    }

    /**
     * The cards of one header. A compressed image's ZNAXIS, ZNAXISn and ZBITPIX describe the image
     * (NAXIS* there describe the table holding it), so they are given under their image names.
     */
    private static void add(Header header, List<Card> cards, boolean compressedImage) {
        var iterator = header.iterator();
        while (iterator.hasNext()) {
            HeaderCard card = iterator.next();
            String key = card.getKey();
            if (key == null || key.isBlank() || card.isCommentStyleCard() && !card.isKeyValuePair()) {
                continue;
            }
            if (compressedImage && (key.startsWith("NAXIS") || key.equals("BITPIX"))) {
                continue;
            }
            if (compressedImage && key.equals("XTENSION")) {
                cards.add(new Card(key, "IMAGE", "the image held by a compressed BINTABLE"));
                continue;
            }
            if (compressedImage && (key.startsWith("ZNAXIS") || key.equals("ZBITPIX"))) {
                key = key.substring(1);
            }
            cards.add(new Card(key.strip(), value(card), card.getComment()));
        }
    }

    private static Object value(HeaderCard card) {
        if (card.getValue() == null) {
            return null;
        }
        Class<?> type = card.valueType();
        try {
            if (type == Boolean.class) {
                return card.getValue(Boolean.class, null);
            }
            if (type == Integer.class || type == Long.class || type == Short.class || type == Byte.class) {
                return card.getValue(Long.class, null);
            }
            if (type == BigInteger.class || type == Double.class || type == Float.class || type == BigDecimal.class) {
                return card.getValue(Double.class, null);
            }
        } catch (IllegalArgumentException e) {
            // a value nom.tam.fits cannot convert is kept as its text below
        }
        return card.getValue();
    }
}

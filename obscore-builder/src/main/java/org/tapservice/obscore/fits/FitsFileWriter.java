package org.tapservice.obscore.fits;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Map;

import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;

/**
 * Writes a FITS file whose primary HDU is a zero-filled float image of the given shape (FITS
 * axis order: NAXIS1 first) with the given keywords: headers for the demo collection and the
 * tests, written by the same library that reads them back. Values are String, Number or
 * Boolean; a card's comment follows a " / " in a String value ("5000.0 / Angstrom" is kept as
 * the number with that comment).
 */
public final class FitsFileWriter {

    private FitsFileWriter() {
    }

    public static void write(Path file, int[] shape, Map<String, Object> cards) throws IOException {
        int[] dimensions = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dimensions[i] = shape[shape.length - 1 - i];
        }
        try (Fits fits = new Fits()) {
            BasicHDU<?> hdu = Fits.makeHDU(Array.newInstance(float.class, dimensions));
            Header header = hdu.getHeader();
            for (Map.Entry<String, Object> card : cards.entrySet()) {
                header.updateLine(card.getKey(), card(card.getKey(), card.getValue()));
            }
            fits.addHDU(hdu);
            fits.write(file.toFile());
        } catch (FitsException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static HeaderCard card(String key, Object value) throws FitsException {
        if (value instanceof String text && text.contains(" / ")) {
            String[] parts = text.split(" / ", 2);
            try {
                return new HeaderCard(key, Double.valueOf(parts[0].strip()), parts[1]);
            } catch (NumberFormatException e) {
                return new HeaderCard(key, parts[0].strip(), parts[1]);
            }
        }
        return switch (value) {
            case Boolean b -> new HeaderCard(key, b);
            case Number n -> new HeaderCard(key, n);
            default -> new HeaderCard(key, String.valueOf(value));
        };
    }
}

package org.tapservice.obscore.fits;

import static java.util.Objects.requireNonNull;

/**
 * The header of one data set: the merged keywords, which HDU they came from (for reports) and
 * its index in the file (0 for the primary HDU), and the raw headers in a compact form that {@link FitsHeaderReader#restore} reads back, so that a
 * mapping can be applied again without the files.
 */
public record ObservationHeader(FitsHeader header, int hduIndex, String hdu, byte[] stored) {

    public ObservationHeader {
        requireNonNull(header, "header is null");
        requireNonNull(hdu, "hdu is null");
        stored = stored.clone();
    }

    @Override
    public byte[] stored() {
        return stored.clone();
    }
}

package org.tapservice.obscore.fits;

import java.io.IOException;

/** A file that is not FITS, or is truncated or unreadable; the message names the file. */
public final class FitsReadException extends IOException {

    public FitsReadException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.tapservice.obscore.mapping;

/** A mapping file that cannot be used; the message names the file and the entry at fault. */
public final class MappingException extends RuntimeException {

    public MappingException(String message) {
        super(message);
    }

    public MappingException(String message, Throwable cause) {
        super(message, cause);
    }
}

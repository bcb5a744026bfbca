package org.tapservice.obscore.load;

/** The database refused a step of a load; the message carries PostgreSQL's words. */
public final class LoadException extends RuntimeException {

    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }
}

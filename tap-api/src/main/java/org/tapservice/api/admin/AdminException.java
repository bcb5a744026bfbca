package org.tapservice.api.admin;

/**
 * A failure the operator can act on (missing table, bad metadata file, ...). Its message is
 * printed as is, without a stack trace, so it must say what is wrong and name the culprit.
 */
public class AdminException extends RuntimeException {

    public AdminException(String message) {
        super(message);
    }

    public AdminException(String message, Throwable cause) {
        super(message, cause);
    }
}

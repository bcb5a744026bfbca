package org.tapservice.adql.cli;

/** The command line cannot be carried out as written: exit status 2, with the usage. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

/**
 * Why a job ended in ERROR, as the job document's errorSummary shows it. The message is the
 * one a client reads: written for the person who sent the query, never a stack trace or a raw
 * database message.
 */
public record ErrorSummary(ErrorType type, String message) {

    public ErrorSummary {
        requireNonNull(type, "type is null");
        requireNonNull(message, "message is null");
        if (message.isBlank()) {
            throw new IllegalArgumentException("an error summary needs a message");
        }
    }

    public static ErrorSummary fatal(String message) {
        return new ErrorSummary(ErrorType.FATAL, message);
    }

    public static ErrorSummary transientError(String message) {
        return new ErrorSummary(ErrorType.TRANSIENT, message);
    }
}

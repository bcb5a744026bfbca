package org.tapservice.core;

import static java.util.Objects.requireNonNull;

/**
 * A request the service cannot answer, with a message for the person who sent it. Every
 * failure that reaches a client passes through this type, so no client ever sees a stack
 * trace or a raw database message.
 */
public class TapException extends RuntimeException {

    private final ErrorKind kind;

    public TapException(ErrorKind kind, String message) {
        super(requireNonNull(message, "message is null"));
        this.kind = requireNonNull(kind, "kind is null");
    }

    public TapException(ErrorKind kind, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.kind = requireNonNull(kind, "kind is null");
    }

    public ErrorKind kind() {
        return kind;
    }

    public static TapException invalid(String message) {
        return new TapException(ErrorKind.INVALID_REQUEST, message);
    }
}

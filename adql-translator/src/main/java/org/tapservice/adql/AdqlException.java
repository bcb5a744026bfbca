package org.tapservice.adql;

import org.tapservice.adql.tree.NodeLocation;

import static java.util.Objects.requireNonNull;

/**
 * The one error this module raises: where (1-based line and column), what kind
 * ({@link ErrorCode}) and a message for the user. {@link #getMessage()} is
 * {@code "line L:C: message"}; {@link #errorMessage()} is the message alone.
 */
public final class AdqlException extends RuntimeException {

    private final int line;
    private final int column;
    private final String errorMessage;
    private final ErrorCode code;

    public AdqlException(ErrorCode code, int line, int column, String errorMessage) {
        this(code, line, column, errorMessage, null);
    }

    public AdqlException(ErrorCode code, int line, int column, String errorMessage, Throwable cause) {
        super("line " + line + ":" + column + ": " + requireNonNull(errorMessage, "errorMessage is null"), cause);
        this.code = requireNonNull(code, "code is null");
        this.line = line;
        this.column = column;
        this.errorMessage = errorMessage;
    }

    public AdqlException(ErrorCode code, NodeLocation location, String errorMessage) {
        this(code, location.line(), location.column(), errorMessage);
    }

    /**
     * For what a limit on parentheses cannot see: a chain of thousands of operators, each one
     * level deeper, that overflows the stack of a recursive walk over the tree.
     */
    public static AdqlException tooDeepToProcess() {
        return new AdqlException(ErrorCode.NESTED_TOO_DEEPLY, 1, 1,
                "query is nested too deeply to be processed: use fewer nested parentheses, subqueries or chained operators");
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public ErrorCode code() {
        return code;
    }
}

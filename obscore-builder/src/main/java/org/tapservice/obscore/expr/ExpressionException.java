package org.tapservice.obscore.expr;

/**
 * An expression that cannot be parsed or evaluated, or that went past a limit. The message says
 * what and where (1-based column in the expression's text).
 */
public final class ExpressionException extends RuntimeException {

    private final int column;

    public ExpressionException(String message, int column) {
        super(column > 0 ? "column " + column + ": " + message : message);
        this.column = column;
    }

    public int column() {
        return column;
    }
}

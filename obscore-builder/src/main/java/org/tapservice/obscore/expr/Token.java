package org.tapservice.obscore.expr;

/** A token of an expression with its 1-based column. */
record Token(Type type, String text, int column) {

    enum Type { NUMBER, STRING, NAME, SYMBOL, END }

    /** A symbol, or a word operator (and, or, not) written in any case. */
    boolean is(String symbol) {
        return (type == Type.SYMBOL || type == Type.NAME) && text.equalsIgnoreCase(symbol);
    }

    String describe() {
        return switch (type) {
            case END -> "the end of the expression";
            case STRING -> "the text '" + text + "'";
            default -> "'" + text + "'";
        };
    }
}

package org.tapservice.adql;

/** What kind of mistake an {@link AdqlException} reports; stable, for callers and tests to switch on. */
public enum ErrorCode {
    SYNTAX_ERROR,
    QUERY_TOO_LONG,
    NESTED_TOO_DEEPLY,
    INVALID_LITERAL,
    UNKNOWN_TABLE,
    AMBIGUOUS_TABLE,
    DUPLICATE_RELATION,
    UNKNOWN_COLUMN,
    AMBIGUOUS_COLUMN,
    UNKNOWN_FUNCTION,
    WRONG_ARGUMENT_COUNT,
    TYPE_MISMATCH,
    INVALID_ORDER_BY,
    MISPLACED_AGGREGATE,
    INVALID_GROUPING,
    COLUMN_COUNT_MISMATCH,
    NOT_SUPPORTED
}

package org.tapservice.adql.check;

import static java.util.Objects.requireNonNull;

/** What an ORDER BY key means. */
public sealed interface SortKey {

    /** {@code ORDER BY 2}: the second output column. */
    record Position(int position) implements SortKey {
    }

    /** {@code ORDER BY alias}: an output column by name. */
    record OutputName(String outputName) implements SortKey {
        public OutputName {
            requireNonNull(outputName, "outputName is null");
        }
    }

    /** Any other expression, evaluated on the rows of the FROM clause. */
    record Computed() implements SortKey {
    }
}

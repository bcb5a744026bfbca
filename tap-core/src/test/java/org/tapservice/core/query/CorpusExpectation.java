package org.tapservice.core.query;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

import org.tapservice.adql.ErrorCode;

/** What a corpus query must give: rows, an ADQL error at a position, or a failure while running. */
sealed interface CorpusExpectation {

    /**
     * The result table.
     *
     * @param header  the output column names, in order
     * @param types   when given, each column's VOTable type as {@link CorpusValues#typeOf} describes it
     * @param ordered whether the rows must come in this order (the query has an ORDER BY) or in any
     */
    record Rows(List<String> header, Optional<List<String>> types, List<List<Cell>> rows, boolean ordered)
            implements CorpusExpectation {

        public Rows {
            header = List.copyOf(header);
            types = types.map(List::copyOf);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** The translator refuses the query with this code, pointing at this line and column of it. */
    record AdqlError(ErrorCode code, int line, int column) implements CorpusExpectation {

        public AdqlError {
            requireNonNull(code, "code is null");
        }
    }

    /** The query translates but PostgreSQL refuses to run it, saying this. */
    record Failure(String message) implements CorpusExpectation {

        public Failure {
            requireNonNull(message, "message is null");
        }
    }

    /** One expected value: its text as written, or empty for NULL. */
    record Cell(Optional<String> text) {

        static final Cell NULL = new Cell(Optional.empty());

        static Cell of(String text) {
            return new Cell(Optional.of(text));
        }

        @Override
        public String toString() {
            return text.map(value -> "\"" + value + "\"").orElse("NULL");
        }
    }
}

package org.tapservice.obscore;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What became of one file: its row (if it could be built), each ObsCore field that could not be
 * derived with the reason, and why the file was skipped altogether (unreadable, no collection,
 * a NOT NULL field missing).
 */
public record FileReport(String path, Optional<ObsCoreRow> row, List<Problem> problems, Optional<String> skipped) {

    /** A field left NULL, and why. */
    public record Problem(ObsCoreField field, String reason) {
        public Problem {
            requireNonNull(field, "field is null");
            requireNonNull(reason, "reason is null");
        }

        @Override
        public String toString() {
            return field.column() + ": " + reason;
        }
    }

    public FileReport {
        requireNonNull(path, "path is null");
        problems = List.copyOf(problems);
    }

    public static FileReport skipped(String path, String reason) {
        return new FileReport(path, Optional.empty(), List.of(), Optional.of(reason));
    }

    public Optional<String> reasonFor(ObsCoreField field) {
        return problems.stream().filter(p -> p.field() == field).map(Problem::reason).findFirst();
    }
}

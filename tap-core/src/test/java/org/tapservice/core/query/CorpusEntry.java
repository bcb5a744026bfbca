package org.tapservice.core.query;

import static java.util.Objects.requireNonNull;

/**
 * One query of the ADQL corpus and what it must give.
 *
 * @param line where the entry starts in its file, for failure messages
 */
record CorpusEntry(String file, int line, String name, String adql, CorpusExpectation expectation) {

    CorpusEntry {
        requireNonNull(file, "file is null");
        requireNonNull(name, "name is null");
        requireNonNull(adql, "adql is null");
        requireNonNull(expectation, "expectation is null");
        if (adql.isBlank()) {
            throw new IllegalArgumentException(file + ":" + line + ": '" + name + "' has no query");
        }
    }

    String topic() {
        return file.replaceFirst("\\.adql$", "");
    }
}

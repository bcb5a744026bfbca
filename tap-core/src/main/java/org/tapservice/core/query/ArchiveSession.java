package org.tapservice.core.query;

import java.time.Duration;

/**
 * How every connection of the archive pool must be set up before the query engine may use
 * it: read-only and with a statement timeout, both as session defaults given at connection
 * start-up. Per-query SET commands would cost a round trip each, a third of a small query's
 * time; ADQL can express no SET, so no query can lift these defaults.
 */
public final class ArchiveSession {

    private ArchiveSession() {
    }

    /** The PostgreSQL start-up options (pgjdbc's {@code options} property) for the archive pool. */
    public static String options(Duration statementTimeout) {
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalArgumentException("statementTimeout must be positive");
        }
        return "-c default_transaction_read_only=on -c statement_timeout=" + statementTimeout.toMillis();
    }
}

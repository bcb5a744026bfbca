package org.tapservice.core.query;

import java.time.Duration;

/**
 * How every connection of the archive pool must be set up before the query engine may use
 * it: read-only and with a statement timeout, both as session defaults given at connection
 * start-up. Per-query SET commands would cost a round trip each, a third of a small query's
 * time; ADQL can express no SET, so no query can lift these defaults.
 */
public final class ArchiveSession {

    /**
     * How often PostgreSQL looks, while a query runs, whether its client is still there. A
     * killed instance's queries otherwise run on to their end: rows nobody reads, an archive
     * connection and CPU held, and the same job's query running twice once another instance has
     * taken the job over. PostgreSQL 14 on Linux (and the BSDs, macOS) has the setting.
     */
    private static final Duration CLIENT_CHECK = Duration.ofSeconds(1);

    private ArchiveSession() {
    }

    /**
     * The PostgreSQL start-up options (pgjdbc's {@code options} property) for the archive pool.
     * Queries reach it with their numbers as parameters ({@code LiteralBinding}), so that one
     * statement serves every cone search; {@code force_custom_plan} still plans each run with
     * its values, as for literals: a generic plan, chosen on estimates made without the values,
     * could scan a whole table for a query an index answers, and would not match expression
     * indexes or partial-index predicates that contain a constant.
     */
    public static String options(Duration statementTimeout) {
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalArgumentException("statementTimeout must be positive");
        }
        return "-c default_transaction_read_only=on -c statement_timeout=" + statementTimeout.toMillis()
                + " -c client_connection_check_interval=" + CLIENT_CHECK.toMillis() + " -c plan_cache_mode=force_custom_plan";
    }
}

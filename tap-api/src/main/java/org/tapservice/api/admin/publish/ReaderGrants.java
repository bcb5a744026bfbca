package org.tapservice.api.admin.publish;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the archive pool's role may read: the published tables and TAP_SCHEMA, granted as they
 * are published and revoked as they are unpublished. That role holds no other privilege, so
 * no user query can write, whatever its session does (docs/design-notes.md, "Read-only
 * archive"). Without a role of its own (the archive pool logs in as the state pool's user)
 * there is nothing to grant.
 */
public final class ReaderGrants {

    private final JdbcTemplate jdbc;
    private final Optional<String> reader;

    public ReaderGrants(JdbcTemplate jdbc, Optional<String> reader) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.reader = requireNonNull(reader, "reader is null");
    }

    public static ReaderGrants none(JdbcTemplate jdbc) {
        return new ReaderGrants(jdbc, Optional.empty());
    }

    void grant(TableName table) {
        reader.map(TableName::quote).ifPresent(role -> jdbc.execute("GRANT USAGE ON SCHEMA "
                + TableName.quote(table.schema()) + " TO " + role + "; GRANT SELECT ON " + table.sql() + " TO " + role
                + "; GRANT USAGE ON SCHEMA tap_schema TO " + role
                + "; GRANT SELECT ON ALL TABLES IN SCHEMA tap_schema TO " + role));
    }

    /** The schema's USAGE stays: other tables of it may still be published. A dropped table has nothing to revoke. */
    void revoke(TableName table) {
        if (reader.isPresent() && Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL",
                Boolean.class, table.sql()))) {
            jdbc.execute("REVOKE SELECT ON " + table.sql() + " FROM " + TableName.quote(reader.get()));
        }
    }
}

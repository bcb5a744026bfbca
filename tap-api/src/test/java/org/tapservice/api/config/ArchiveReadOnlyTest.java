package org.tapservice.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tapservice.api.MultipartBody;
import org.tapservice.api.RunningService;
import org.tapservice.core.testing.TestDatabase;

/**
 * User queries cannot write to the archive. Two layers: every archive session starts
 * read-only, which ADQL cannot lift but a session could (SET, set_config); and the archive
 * pool logs in as a role that holds SELECT on the published tables and nothing more, which no
 * session can lift. Here the pool logs in as such a role, and every way of writing, through
 * /sync and directly on the pool's own connections after lifting the read-only default, is
 * refused with the table untouched.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ArchiveReadOnlyTest extends RunningService {

    /** PostgreSQL's insufficient_privilege: refused for the role, not for the session. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    /** Roles belong to the whole PostgreSQL cluster, which other test runs share: one of our own. */
    private static final String READER = "tap_reader_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    static {
        TestDatabase.executeOnServer("CREATE ROLE " + READER + " LOGIN");
    }

    @Autowired
    private ArchiveDatabase archive;

    private long rows;

    @DynamicPropertySource
    static void archiveRole(DynamicPropertyRegistry registry) {
        registry.add("tap.archive.username", () -> READER);
    }

    /** What the set-up grants the reader: SELECT on the published schemas' tables and TAP_SCHEMA. */
    @BeforeAll
    void grantSelect() {
        database().execute("""
                GRANT USAGE ON SCHEMA science, tap_schema TO %1$s;
                GRANT SELECT ON ALL TABLES IN SCHEMA science, tap_schema TO %1$s;
                CREATE SEQUENCE science.numbers;
                CREATE FUNCTION science.add_source() RETURNS integer LANGUAGE sql
                    AS 'INSERT INTO science.sources (id, ra, dec) VALUES (-1, 0, 0) RETURNING id';
                """.formatted(READER));
        rows = countRows();
    }

    @AfterAll
    void dropReader() {
        database().execute("DROP OWNED BY " + READER);
        TestDatabase.executeOnServer("DROP ROLE IF EXISTS " + READER);
    }

    @Test
    void theServiceAnswersQueriesAsTheReader() throws Exception {
        assertThat(get("/sync" + query("LANG", "ADQL", "QUERY", "SELECT id FROM science.sources")).statusCode())
                .isEqualTo(200);
        assertThat(get("/sync" + query("LANG", "ADQL", "QUERY", "SELECT table_name FROM TAP_SCHEMA.tables"))
                .statusCode()).isEqualTo(200);
        HttpResponse<String> upload = postMultipart("/sync", new MultipartBody().field("LANG", "ADQL")
                .field("QUERY", "SELECT n FROM TAP_UPLOAD.t").field("UPLOAD", "t,param:t")
                .file("t", "t.csv", "text/csv", "n\n1\n2\n".getBytes()));
        assertThat(upload.statusCode()).as("uploads need TEMPORARY only: %s", upload.body()).isEqualTo(200);
        try (Connection connection = archive.dataSource().getConnection()) {
            assertThat(single(connection, "SELECT current_user")).isEqualTo(READER);
            assertThat(single(connection, "SHOW default_transaction_read_only")).isEqualTo("on");
        }
    }

    @Test
    void theServiceTellsAReaderRoleFromOneThatCouldWrite() throws Exception {
        assertThat(archive.writeAccess()).isEmpty();
        TapProperties.Archive asStateUser = new TapProperties.Archive(database().jdbcUrl(), database().user(), "", 1, 0,
                Duration.ofSeconds(10), 100, true, Duration.ofSeconds(10));
        try (ArchiveDatabase superuser = new ArchiveDatabase(asStateUser)) {
            assertThat(superuser.writeAccess()).hasValueSatisfying(risk -> assertThat(risk).contains("superuser"));
        }
    }

    static Stream<String> writingAdql() {
        return Stream.of(
                "INSERT INTO science.sources (id, ra, dec) VALUES (-1, 0, 0)",
                "UPDATE science.sources SET ra = 0",
                "DELETE FROM science.sources",
                "CREATE TABLE science.evil (id INTEGER)",
                "SELECT id FROM science.sources; DELETE FROM science.sources",
                "WITH gone AS (DELETE FROM science.sources RETURNING id) SELECT id FROM gone",
                "SELECT set_config('default_transaction_read_only', 'off', false) FROM science.sources",
                "SELECT nextval('science.numbers') FROM science.sources",
                "SELECT science.add_source() FROM science.sources",
                "SELECT id FROM science.sources FOR UPDATE");
    }

    @ParameterizedTest
    @MethodSource("writingAdql")
    void adqlThatTriesToWriteIsRefusedAsABadQuery(String adql) throws Exception {
        HttpResponse<String> response = get("/sync" + query("LANG", "ADQL", "QUERY", adql));

        assertError(response, 400, "");
        assertUntouched();
    }

    /** SQL run on the archive pool's own connection: every statement but the last succeeds, the last writes. */
    record Attempt(String name, List<String> statements) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Attempt> writesAfterLiftingReadOnly() {
        String insert = "INSERT INTO science.sources (id, ra, dec) VALUES (-1, 0, 0)";
        return Stream.of(
                new Attempt("SET default_transaction_read_only = off, then INSERT",
                        List.of("SET default_transaction_read_only = off", insert)),
                new Attempt("SET SESSION CHARACTERISTICS ... READ WRITE, then UPDATE", List.of(
                        "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE", "UPDATE science.sources SET ra = 0")),
                new Attempt("BEGIN; SET TRANSACTION READ WRITE; DELETE", List.of(
                        "BEGIN", "SET TRANSACTION READ WRITE", "DELETE FROM science.sources")),
                new Attempt("set_config() in a SELECT, then TRUNCATE", List.of(
                        "SELECT set_config('default_transaction_read_only', 'off', false)",
                        "TRUNCATE science.sources")),
                new Attempt("CREATE TABLE in a published schema", List.of(
                        "SET default_transaction_read_only = off", "CREATE TABLE science.evil (id integer)")),
                new Attempt("CREATE TABLE in public", List.of(
                        "SET default_transaction_read_only = off", "CREATE TABLE public.evil (id integer)")),
                new Attempt("SELECT of a function that inserts", List.of(
                        "SET default_transaction_read_only = off", "SELECT science.add_source()")),
                new Attempt("SELECT nextval() of a sequence", List.of(
                        "SET default_transaction_read_only = off", "SELECT nextval('science.numbers')")));
    }

    @ParameterizedTest
    @MethodSource("writesAfterLiftingReadOnly")
    void theReaderRoleCannotWriteEvenWhenTheSessionIsNoLongerReadOnly(Attempt attempt) throws Exception {
        try (Connection connection = archive.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            try {
                List<String> statements = attempt.statements();
                for (String sql : statements.subList(0, statements.size() - 1)) {
                    statement.execute(sql);
                }
                assertThatThrownBy(() -> statement.execute(statements.getLast()))
                        .isInstanceOfSatisfying(SQLException.class, refused ->
                                assertThat(refused.getSQLState()).as(refused.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            } finally {
                // the pool hands this connection out again: back to the session it started as
                statement.execute("ROLLBACK");
                statement.execute("RESET ALL");
            }
        }
        assertUntouched();
    }

    private void assertUntouched() {
        assertThat(countRows()).isEqualTo(rows);
        assertThat(database().queryForLong("SELECT count(*) FROM pg_tables WHERE tablename = 'evil'")).isZero();
        assertThat(database().queryForLong("SELECT count(*) FROM science.sources WHERE ra = 0")).isZero();
    }

    private long countRows() {
        return database().queryForLong("SELECT count(*) FROM science.sources");
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}

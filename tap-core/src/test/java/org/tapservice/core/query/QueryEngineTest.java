package org.tapservice.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tapservice.adql.AdqlTranslator;
import org.tapservice.adql.LiteralBinding;
import org.tapservice.adql.TranslatedQuery;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TapSchemaLoader;
import org.tapservice.core.tap.QueryRequest;
import org.tapservice.core.testing.SampleCatalogue;
import org.tapservice.core.testing.TestDatabase;
import org.tapservice.core.testing.TestUploads;
import org.tapservice.votable.ResultFormats;
import org.tapservice.votable.WriteSummary;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.table.Tables;
import uk.ac.starlink.votable.VOTableBuilder;

class QueryEngineTest {

    private static TestDatabase database;
    private static HikariDataSource archive;
    private static CatalogCache catalogs;

    @BeforeAll
    static void createCatalogue() {
        database = TestDatabase.create();
        SampleCatalogue.install(database);
        archive = database.archive(Duration.ofSeconds(30));
        catalogs = new CatalogCache(new TapSchemaLoader(database.dataSource()), Duration.ofMinutes(1),
                Clock.systemUTC());
    }

    @AfterAll
    static void drop() {
        archive.close();
        database.close();
    }

    /** Three rows per fetch: the ten sample rows stream through a cursor in several round trips. */
    private static QueryEngine engine(DataSource archive) {
        return new QueryEngine(archive, new AdqlTranslator(), catalogs, ResultFormats.standard(),
                new ExecutionSettings(3), TestUploads.standard());
    }

    /** What a client receives: the response body and its content type. */
    private record Response(byte[] body, String contentType, WriteSummary summary) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        StarTable table() throws IOException {
            return new StarTableFactory(false).makeStarTable(new ByteArrayInputStream(body), new VOTableBuilder());
        }
    }

    private static Response run(String adql, long maxrec, String format) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String[] contentType = new String[1];
        WriteSummary summary = engine(archive).execute(
                new QueryRequest(adql, maxrec, Optional.ofNullable(format), Optional.empty()), type -> {
                    contentType[0] = type;
                    return body;
                });
        return new Response(body.toByteArray(), contentType[0], summary);
    }

    private static List<Object[]> rows(StarTable table) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        try (RowSequence sequence = table.getRowSequence()) {
            while (sequence.next()) {
                rows.add(sequence.getRow());
            }
        }
        return rows;
    }

    @Test
    void selectedColumnsCarryTheirTapSchemaMetadataIntoTheFields() throws IOException {
        StarTable table = run("SELECT id, ra, mag, name, seen FROM science.sources ORDER BY id", 100, null).table();

        ColumnInfo ra = table.getColumnInfo(1);
        assertThat(ra.getName()).isEqualTo("ra");
        assertThat(ra.getUnitString()).isEqualTo("deg");
        assertThat(ra.getUCD()).isEqualTo("pos.eq.ra;meta.main");
        assertThat(ra.getDescription()).isEqualTo("Right ascension");
        assertThat(ra.getContentClass()).isEqualTo(Double.class);
        assertThat(table.getColumnInfo(0).getContentClass()).isEqualTo(Long.class);
        assertThat(table.getColumnInfo(2).getContentClass()).isEqualTo(Float.class);
        assertThat(table.getColumnInfo(4).getXtype()).isEqualTo("timestamp");
    }

    @Test
    void rowsArriveWithTheirValuesAndNulls() throws IOException {
        List<Object[]> rows = rows(run("SELECT id, ra, mag, name, seen FROM science.sources ORDER BY id", 100, null)
                .table());

        assertThat(rows).hasSize(SampleCatalogue.ROWS);
        Object[] third = rows.get(3);
        assertThat(third[0]).isEqualTo(3L);
        assertThat(third[1]).isEqualTo(10.3);
        // STIL reads a null float back as NaN
        assertThat(Tables.isBlank(third[2])).as("NULL magnitude").isTrue();
        assertThat(third[3]).isEqualTo("src-3");
        assertThat(third[4]).isEqualTo("2024-01-01T03:00:00.000");
        assertThat(rows.get(4)[2]).isEqualTo(16.0f);
    }

    @Test
    void theDefaultFormatIsVOTableWithQueryStatusOk() throws IOException {
        Response response = run("SELECT TOP 1 id FROM science.sources", 100, null);

        assertThat(response.contentType()).startsWith("application/x-votable+xml");
        assertThat(response.text()).contains("name=\"QUERY_STATUS\" value=\"OK\"").doesNotContain("OVERFLOW");
    }

    @Test
    void maxrecCutsTheResultAndReportsTheOverflowAfterTheTable() throws IOException {
        Response response = run("SELECT id FROM science.sources ORDER BY id", 4, "votable/td");

        assertThat(response.summary()).isEqualTo(new WriteSummary(4, true));
        assertThat(rows(response.table())).hasSize(4);
        String text = response.text();
        assertThat(text.indexOf("value=\"OVERFLOW\"")).isGreaterThan(text.indexOf("</TABLE>"));
    }

    @Test
    void aResultOfExactlyMaxrecRowsDoesNotOverflow() throws IOException {
        assertThat(run("SELECT id FROM science.sources", SampleCatalogue.ROWS, null).summary())
                .isEqualTo(new WriteSummary(SampleCatalogue.ROWS, false));
    }

    @Test
    void topBelowMaxrecLimitsTheRowsWithoutOverflow() throws IOException {
        assertThat(run("SELECT TOP 3 id FROM science.sources", 5, null).summary()).isEqualTo(new WriteSummary(3, false));
    }

    @Test
    void maxrecZeroReturnsTheMetadataAndNoRows() throws IOException {
        Response response = run("SELECT id, ra FROM science.sources", 0, null);

        assertThat(response.summary().rowsWritten()).isZero();
        assertThat(response.table().getColumnCount()).isEqualTo(2);
    }

    @Test
    void aConeSearchFindsTheSourcesWithinTheRadius() throws IOException {
        List<Object[]> rows = rows(run("""
                SELECT id FROM science.sources
                WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10.45, 10, 0.25))
                ORDER BY id""", 100, null).table());

        assertThat(rows).extracting(row -> row[0]).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void aResponseFormatOfTextXmlIsLabelledTextXml() throws IOException {
        assertThat(run("SELECT TOP 1 id FROM science.sources", 100, "text/xml").contentType()).startsWith("text/xml");
    }

    @Test
    void csvIsWrittenWithAHeaderLine() throws IOException {
        Response response = run("SELECT TOP 2 id, name FROM science.sources ORDER BY id", 100, "csv");

        assertThat(response.contentType()).startsWith("text/csv");
        assertThat(response.text().lines().toList()).containsExactly("id,name", "0,src-0", "1,src-1");
    }

    @Test
    void aSyntaxErrorIsAnInvalidRequestWithItsPosition() {
        assertThatThrownBy(() -> run("SELECT id FROM science.sources WHERE", 100, null))
                .isInstanceOfSatisfying(TapException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining("line 1:");
    }

    @Test
    void anUnknownColumnIsNamedInTheError() {
        assertThatThrownBy(() -> run("SELECT nosuch FROM science.sources", 100, null))
                .isInstanceOf(TapException.class)
                .hasMessageContaining("nosuch");
    }

    @Test
    void anUnsupportedResponseFormatIsRejectedBeforeTheQueryRuns() {
        assertThatThrownBy(() -> run("SELECT id FROM science.sources", 100, "application/x-nonsense"))
                .isInstanceOfSatisfying(TapException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining("unsupported RESPONSEFORMAT 'application/x-nonsense'");
    }

    @Test
    void aFailureOnTheDataIsReportedWithPostgresqlsExplanation() {
        assertThatThrownBy(() -> run("SELECT id / (flag - flag) FROM science.sources", 100, null))
                .isInstanceOfSatisfying(TapException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining("division by zero");
    }

    @Test
    void aQueryRunningPastTheStatementTimeoutIsCancelled() {
        QueryRequest slow = new QueryRequest("""
                SELECT COUNT(*) FROM TAP_SCHEMA.columns AS a, TAP_SCHEMA.columns AS b, TAP_SCHEMA.columns AS c,
                TAP_SCHEMA.columns AS d, TAP_SCHEMA.columns AS e""", 10, Optional.empty(), Optional.empty());

        try (HikariDataSource impatient = database.archive(Duration.ofMillis(50))) {
            assertThatThrownBy(() -> engine(impatient).execute(slow, type -> new ByteArrayOutputStream()))
                    .isInstanceOfSatisfying(TapException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                    .hasMessageContaining("time limit");
        }
    }

    @Test
    void theArchiveSessionRefusesToWrite() throws Exception {
        try (Connection connection = archive.getConnection(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("CREATE TABLE science.intruder (x int)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("read-only transaction");
        }
    }

    /**
     * Cone searches at different positions are one statement, which the driver prepares on the
     * server once; PostgreSQL still plans each run with its values (no generic plan), as it would
     * plan the same query with the numbers in its text.
     */
    @Test
    void conesAtOtherPositionsShareOnePreparedStatementPlannedWithTheirValues() throws Exception {
        AdqlTranslator translator = new AdqlTranslator();
        // a session of its own, whose prepared statements are this test's only
        try (HikariDataSource session = database.archive(Duration.ofSeconds(30)); Connection connection = session.getConnection()) {
            String sql = null;
            for (int i = 0; i < 10; i++) {
                TranslatedQuery query = translator.translate("SELECT TOP 5 id FROM science.sources WHERE 1 = CONTAINS("
                        + "POINT('ICRS', ra, dec), CIRCLE('ICRS', " + (10 + i) + ".5, -" + i + ".25, 0.5))",
                        catalogs.current(), OptionalLong.of(101), LiteralBinding.PARAMETERS);
                assertThat(sql == null || sql.equals(query.sql())).as(query.sql()).isTrue();
                sql = query.sql();
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    query.bindParameters(statement);
                    statement.executeQuery().close();
                }
            }
            try (Statement statement = connection.createStatement(); ResultSet plans = statement.executeQuery(
                    "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%scircle%'")) {
                assertThat(plans.next()).as("the cone statement is prepared on the server").isTrue();
                assertThat(plans.getLong("generic_plans")).isZero();
                assertThat(plans.getLong("custom_plans")).isGreaterThanOrEqualTo(5);
                assertThat(plans.next()).as("one statement only").isFalse();
            }
        }
    }
}

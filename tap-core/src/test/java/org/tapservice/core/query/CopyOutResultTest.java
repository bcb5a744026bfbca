package org.tapservice.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tapservice.adql.AdqlTranslator;
import org.tapservice.core.TapException;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TapSchemaLoader;
import org.tapservice.core.tap.QueryRequest;
import org.tapservice.core.testing.TestDatabase;
import org.tapservice.core.testing.TestUploads;
import org.tapservice.core.upload.UploadParts;
import org.tapservice.votable.ColumnMetadata;
import org.tapservice.votable.Datatype;
import org.tapservice.votable.ResultFormats;
import org.tapservice.votable.WriteSummary;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A large result copied out of PostgreSQL in its binary COPY format is, byte for byte, the
 * result a cursor fetches through JDBC: for every type a TAP table may hold (a column whose
 * type the copy does not decode is fetched as before), for timestamps and dates beyond four-digit
 * years and at infinity, and for NULLs. A copy that ends early (MAXREC, a client gone, a cancel,
 * the statement timeout) leaves its connection ready for the next query.
 */
class CopyOutResultTest {

    /** Every result of more than this many rows is copied out, or fetched through a cursor. */
    private static final int FETCH_SIZE = 2;

    private static TestDatabase database;
    private static HikariDataSource archive;
    private static CatalogCache catalogs;

    @BeforeAll
    static void createTables() {
        database = TestDatabase.create();
        EveryPostgresType.install(database);
        database.execute("""
                CREATE SCHEMA edges;
                CREATE TABLE edges.times (id integer, seen timestamp, seen_utc timestamptz, day date, code char(6),
                    tiny smallint, word name);
                INSERT INTO edges.times VALUES
                    (1, '12000-06-01 10:00:00.5', '12000-06-01 10:00:00.5+00', '12000-06-01', 'ab', -1, 'one'),
                    (2, '0500-03-01 00:00:00.000001', '0500-03-01 00:00:00+00', '0500-03-01', 'abcdef', 0, 'two'),
                    (3, '0044-03-15 12:00:00 BC', '0044-03-15 12:00:00+00 BC', '0044-03-15 BC', '', 1, 'three'),
                    (4, 'infinity', 'infinity', 'infinity', NULL, NULL, NULL),
                    (5, '-infinity', '-infinity', '-infinity', 'x', 32767, 'five'),
                    (6, '2000-01-01 00:00:00', '1999-12-31 23:00:00-01', '2000-01-01', 'y', -32768, 'six'),
                    (7, NULL, NULL, NULL, 'z', 7, 'seven');
                INSERT INTO tap_schema.schemas (schema_name) VALUES ('edges');
                INSERT INTO tap_schema.tables (schema_name, table_name, table_type) VALUES ('edges', 'edges.times', 'table');
                INSERT INTO tap_schema.columns (table_name, column_name, datatype, arraysize, xtype, column_index) VALUES
                    ('edges.times', 'id', 'int', NULL, NULL, 0),
                    ('edges.times', 'seen', 'char', '*', 'timestamp', 1),
                    ('edges.times', 'seen_utc', 'char', '*', 'timestamp', 2),
                    ('edges.times', 'day', 'char', '*', 'timestamp', 3),
                    ('edges.times', 'code', 'char', '6', NULL, 4),
                    ('edges.times', 'tiny', 'long', NULL, NULL, 5),
                    ('edges.times', 'word', 'char', '*', NULL, 6);
                """);
        archive = database.archive(Duration.ofSeconds(30));
        // one connection: a copy that left anything unread on it would fail the next query
        archive.setMaximumPoolSize(1);
        catalogs = new CatalogCache(new TapSchemaLoader(database.dataSource()), Duration.ofHours(1), Clock.systemUTC());
    }

    @AfterAll
    static void drop() {
        archive.close();
        database.close();
    }

    private static QueryEngine engine(boolean copyResults) {
        return new QueryEngine(archive, new AdqlTranslator(), catalogs, ResultFormats.standard(),
                new ExecutionSettings(FETCH_SIZE, copyResults), TestUploads.standard());
    }

    /** The response, without what two runs need not share: the time of the request, the ids of COOSYS and TIMESYS. */
    private static String run(boolean copyResults, String adql, long maxrec, String format) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        engine(copyResults).execute(new QueryRequest(adql, maxrec, Optional.of(format), Optional.empty()), type -> body);
        return body.toString(StandardCharsets.UTF_8).replaceFirst("<INFO name=\"REQUEST_DATE\" value=\"[^\"]*\"/>", "")
                .replaceAll("\"t\\d+-(coosys|timesys)-", "\"t-$1-");
    }

    static Stream<Arguments> everyColumnInEveryFormat() {
        return EveryPostgresType.COLUMNS.stream().skip(1).flatMap(column -> Stream.of("votable/b2", "votable/td", "csv")
                .map(format -> Arguments.of(column.get(0), column.get(1), format)));
    }

    @ParameterizedTest(name = "{0} ({1}) in {2}")
    @MethodSource("everyColumnInEveryFormat")
    void everyTypeIsWrittenTheSameCopiedOutAsFetchedThroughACursor(String column, String type, String format)
            throws IOException {
        String adql = "SELECT id, " + column + " FROM types.every_type ORDER BY id";

        assertThat(run(true, adql, 100, format)).isEqualTo(run(false, adql, 100, format));
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "csv"})
    void timestampsDatesAndStringsAtTheirEdgesAreWrittenTheSameCopiedOutAsFetched(String format) throws IOException {
        String adql = "SELECT * FROM edges.times ORDER BY id";

        String copied = run(true, adql, 100, format);

        assertThat(copied).isEqualTo(run(false, adql, 100, format));
        if (format.equals("csv")) {
            assertThat(copied.lines().toList()).containsExactly("id,seen,seen_utc,day,code,tiny,word",
                    "1,+12000-06-01T10:00:00.500,+12000-06-01T10:00:00.500,+12000-06-01,ab    ,-1,one",
                    "2,0500-03-01T00:00:00.000001,0500-03-01T00:00:00.000,0500-03-01,abcdef,0,two",
                    "3,-0043-03-15T12:00:00.000,-0043-03-15T12:00:00.000,-0043-03-15,      ,1,three",
                    "4,,,,,,", "5,,,,x     ,32767,five",
                    "6,2000-01-01T00:00:00.000,2000-01-01T00:00:00.000,2000-01-01,y     ,-32768,six",
                    "7,,,,z     ,7,seven");
        }
    }

    @Test
    void theCopyDecodesTheTypesItWritesAsJdbcReadsThemAndLeavesTheRestToTheCursor() throws SQLException {
        List<String> decoded;
        try (Connection connection = archive.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT * FROM types.every_type")) {
            ResultSetMetaData types = statement.getMetaData();
            decoded = EveryPostgresType.COLUMNS.stream()
                    .filter(column -> {
                        int index = EveryPostgresType.COLUMNS.indexOf(column) + 1;
                        try {
                            return CopyFieldDecoder.forColumn(metadata(column), types.getColumnTypeName(index)).isPresent();
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .map(column -> column.get(0))
                    .toList();
        }

        assertThat(decoded).containsExactly("id", "small", "whole", "big", "single", "dbl", "flag", "code", "label",
                "note", "seen", "day", "raw");
    }

    private static ColumnMetadata metadata(List<String> column) {
        return new ColumnMetadata(column.get(0), Datatype.fromVOTable(column.get(2)),
                column.get(3).isEmpty() ? null : column.get(3), column.get(4).isEmpty() ? null : column.get(4),
                null, null, null, null, null);
    }

    @Test
    void aResultCutAtMaxrecIsCommittedAndTheConnectionServesTheNextQuery() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        WriteSummary summary = engine(true).execute(new QueryRequest("SELECT a.id, b.id AS other FROM types.every_type"
                + " AS a, types.every_type AS b", 5, Optional.of("csv"), Optional.empty()), type -> body);

        assertThat(summary).isEqualTo(new WriteSummary(5, true));
        assertThat(run(true, "SELECT id FROM types.every_type ORDER BY id", 100, "csv")).isEqualTo("id\n1\n2\n3\n");
    }

    /** An endless result: only whatever stops the copy can end it. */
    private static final String ENDLESS = "SELECT a.id, a.note FROM types.every_type AS a, types.every_type AS b,"
            + " types.every_type AS c, types.every_type AS d, types.every_type AS e, types.every_type AS f,"
            + " types.every_type AS g, types.every_type AS h, types.every_type AS i, types.every_type AS j,"
            + " types.every_type AS k, types.every_type AS l, types.every_type AS m, types.every_type AS n";

    @Test
    void aClientGoneMidStreamStopsTheCopyAndTheConnectionServesTheNextQuery() {
        OutputStream hangingUp = new OutputStream() {
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                written += length;
                if (written > 1_000_000) {
                    throw new IOException("Broken pipe");
                }
            }
        };

        assertThatThrownBy(() -> engine(true).execute(new QueryRequest(ENDLESS, Long.MAX_VALUE, Optional.of("csv"),
                Optional.empty()), type -> hangingUp)).isInstanceOf(IOException.class).hasMessageContaining("Broken pipe");
        assertThat(runQuietly()).isEqualTo("id\n1\n2\n3\n");
    }

    @Test
    void theRunsTimeLimitStopsACopyAsItStopsAStatement() throws IOException {
        QueryControl limited = new QueryControl(Optional.of(Duration.ofMillis(300)));
        ByteArrayOutputStream body = new ByteArrayOutputStream();

        assertThatThrownBy(() -> engine(true).execute(new QueryRequest(ENDLESS, Long.MAX_VALUE, Optional.of("csv"),
                Optional.empty()), UploadParts.none(), type -> body, limited))
                .isInstanceOf(QueryFailedException.class).hasMessageContaining("longer than this service's time limit");
        assertThat(runQuietly()).isEqualTo("id\n1\n2\n3\n");
    }

    @Test
    void aQueryFailingOnItsFirstRowFailsBeforeAnythingIsWritten() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();

        assertThatThrownBy(() -> engine(true).execute(new QueryRequest(
                "SELECT id, 1 / (id - 1) AS inverse FROM types.every_type ORDER BY id", 100, Optional.of("votable/b2"),
                Optional.empty()), type -> body))
                .isInstanceOf(TapException.class).hasMessageContaining("division by zero");
        assertThat(body.size()).isZero();
    }

    private static String runQuietly() {
        try {
            return run(true, "SELECT id FROM types.every_type ORDER BY id", 100, "csv");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

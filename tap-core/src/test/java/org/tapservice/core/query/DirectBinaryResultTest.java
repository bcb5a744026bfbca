package org.tapservice.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tapservice.adql.AdqlTranslator;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TapSchemaLoader;
import org.tapservice.core.tap.QueryRequest;
import org.tapservice.core.testing.TestDatabase;
import org.tapservice.core.testing.TestUploads;
import org.tapservice.core.upload.UploadParts;
import org.tapservice.votable.Cells;
import org.tapservice.votable.ResultFormats;
import org.tapservice.votable.StilEncodedFormats;
import org.tapservice.votable.WriteSummary;

import com.zaxxer.hikari.HikariDataSource;

import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.votable.VOTableBuilder;

/**
 * A large result in BINARY2 or BINARY, whose rows are encoded directly and whose timestamps are
 * formatted from PostgreSQL's binary values, is the result STIL's own encoders write from the
 * same rows, and the result read as text without a cursor: for a table of every type the direct
 * encoding takes, with NULL in each column and each type's extremes, cell by cell and byte for
 * byte. MAXREC, a failure mid-stream and a cancel mid-stream end it as they end STIL's.
 */
class DirectBinaryResultTest {

    private static final int FETCH_SIZE = 100;
    private static final int ROWS = 2500;
    private static final String EVERY_ROW = "SELECT * FROM wide.vals ORDER BY id";

    private static TestDatabase database;
    private static HikariDataSource archive;
    private static CatalogCache catalogs;

    @BeforeAll
    static void createTable() {
        database = TestDatabase.create();
        database.execute("""
                CREATE SCHEMA wide;
                CREATE TABLE wide.vals (id integer, small smallint, whole integer, big bigint, single real,
                    dbl double precision, flag boolean, code char(4), label varchar(16), note text, ascii_note text,
                    seen timestamp, seen_utc timestamptz);
                INSERT INTO wide.vals SELECT i, (i %% 30000)::smallint, i * 7919, i::bigint * 1000000007, i / 7.0,
                    i / 3.0, i %% 2 = 0, lpad((i %% 10000)::text, 4, '0'), 'label ' || i, 'note ' || i, 'ascii ' || i,
                    timestamp '2024-01-02 03:04:05.678' + i * interval '1 hour 1.000321 seconds',
                    timestamptz '2001-02-03 04:05:06+02' + i * interval '1 day 1 second'
                FROM generate_series(1, %d) AS i;
                INSERT INTO wide.vals VALUES
                    (-1, -32768, -2147483648, -9223372036854775808, 'NaN', 'NaN', false, '', '', '', '',
                     '0001-01-01 00:00:00', '0001-01-01 00:00:00+00'),
                    (-2, 32767, 2147483647, 9223372036854775807, 'Infinity', '-Infinity', true, 'Wxyz', 'TOOLONG',
                     'Ωmega café ☃ 😀', 'naïve Ωmega 😀', '9999-12-31 23:59:59.999999', '9999-12-31 23:59:59.999999+00'),
                    (-3, 0, 0, 0, '-Infinity', 'Infinity', NULL, 'ab', 'x', 'x', 'x', '1969-12-31 23:59:59.999999', '1970-01-01 00:00:00.000001+00'),
                    (-4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
                INSERT INTO tap_schema.schemas (schema_name) VALUES ('wide');
                INSERT INTO tap_schema.tables (schema_name, table_name, table_type) VALUES ('wide', 'wide.vals', 'table');
                INSERT INTO tap_schema.columns (table_name, column_name, datatype, arraysize, xtype, column_index) VALUES
                    ('wide.vals', 'id', 'int', NULL, NULL, 0), ('wide.vals', 'small', 'short', NULL, NULL, 1),
                    ('wide.vals', 'whole', 'int', NULL, NULL, 2), ('wide.vals', 'big', 'long', NULL, NULL, 3),
                    ('wide.vals', 'single', 'float', NULL, NULL, 4), ('wide.vals', 'dbl', 'double', NULL, NULL, 5),
                    ('wide.vals', 'flag', 'boolean', NULL, NULL, 6), ('wide.vals', 'code', 'char', '4', NULL, 7),
                    ('wide.vals', 'label', 'char', '16*', NULL, 8), ('wide.vals', 'note', 'unicodeChar', '*', NULL, 9),
                    ('wide.vals', 'ascii_note', 'char', '*', NULL, 10),
                    ('wide.vals', 'seen', 'char', '*', 'timestamp', 11),
                    ('wide.vals', 'seen_utc', 'char', '*', 'timestamp', 12);
                CREATE TABLE wide.ends (id integer, seen timestamp, seen_utc timestamptz, day date);
                INSERT INTO wide.ends VALUES (1, 'infinity', 'infinity', 'infinity'),
                    (2, '-infinity', '-infinity', '-infinity'),
                    (3, '2024-01-02 03:04:05', '2024-01-02 03:04:05+01', '2024-01-02');
                INSERT INTO tap_schema.tables (schema_name, table_name, table_type) VALUES ('wide', 'wide.ends', 'table');
                INSERT INTO tap_schema.columns (table_name, column_name, datatype, arraysize, xtype, column_index) VALUES
                    ('wide.ends', 'id', 'int', NULL, NULL, 0), ('wide.ends', 'seen', 'char', '*', 'timestamp', 1),
                    ('wide.ends', 'seen_utc', 'char', '*', 'timestamp', 2), ('wide.ends', 'day', 'char', '*', 'timestamp', 3);
                """.formatted(ROWS));
        archive = database.archive(Duration.ofSeconds(30));
        catalogs = new CatalogCache(new TapSchemaLoader(database.dataSource()), Duration.ofHours(1), Clock.systemUTC());
    }

    @AfterAll
    static void drop() {
        archive.close();
        database.close();
    }

    /** Results larger than a fetch go through the cursor: binary values, the prefetching thread. */
    private static QueryEngine engine(ResultFormats formats, int fetchSize) {
        return new QueryEngine(archive, new AdqlTranslator(), catalogs, formats, new ExecutionSettings(fetchSize),
                TestUploads.standard());
    }

    private record Response(byte[] body, WriteSummary summary) {

        StarTable table() throws IOException {
            return new StarTableFactory(false).makeStarTable(new ByteArrayInputStream(body), new VOTableBuilder());
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The rows as encoded, before base64. */
        byte[] stream() {
            Matcher stream = Pattern.compile("<STREAM encoding='base64'>(.*?)</STREAM>", Pattern.DOTALL).matcher(text());
            assertThat(stream.find()).as("a base64 STREAM").isTrue();
            return Base64.getMimeDecoder().decode(stream.group(1).strip());
        }
    }

    private static Response run(QueryEngine engine, String adql, long maxrec, String format) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        WriteSummary summary = engine.execute(new QueryRequest(adql, maxrec, Optional.of(format), Optional.empty()),
                type -> body);
        return new Response(body.toByteArray(), summary);
    }

    private static List<List<Object>> rows(StarTable table) throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        try (RowSequence sequence = table.getRowSequence()) {
            while (sequence.next()) {
                rows.add(Cells.comparable(sequence.getRow()));
            }
        }
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/b"})
    void everyTypeIsWrittenAsStilWritesTheSameRowsByteForByteAndCellByCell(String format) throws IOException {
        Response direct = run(engine(ResultFormats.standard(), FETCH_SIZE), EVERY_ROW, 100_000, format);
        Response stil = run(engine(StilEncodedFormats.votable(), FETCH_SIZE), EVERY_ROW, 100_000, format);

        assertThat(direct.summary()).isEqualTo(new WriteSummary(ROWS + 4, false));
        assertThat(direct.stream()).isEqualTo(stil.stream());
        List<List<Object>> directRows = rows(direct.table());
        assertThat(directRows).hasSize(ROWS + 4).isEqualTo(rows(stil.table()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/b"})
    void rowsReadInBinaryThroughTheCursorAreTheRowsReadAsTextWithoutOne(String format) throws IOException {
        Response cursor = run(engine(ResultFormats.standard(), FETCH_SIZE), EVERY_ROW, 100_000, format);
        Response text = run(engine(StilEncodedFormats.votable(), 1_000_000), EVERY_ROW, 100_000, format);

        assertThat(cursor.stream()).isEqualTo(text.stream());
        List<List<Object>> textRows = rows(text.table());
        assertThat(textRows.get(2).subList(7, 13)).containsExactly("Wxyz", "TOOLONG", "Ωmega café ☃ ??", "na?ve ?mega ?",
                "9999-12-31T23:59:59.999999", "9999-12-31T23:59:59.999999");
        assertThat(rows(cursor.table())).isEqualTo(textRows);
    }

    @ParameterizedTest
    @ValueSource(ints = {FETCH_SIZE, 1})
    void theInfinitiesOfPostgresTimestampsAreEmptyValuesForDaliTimestampsHaveNoWordForThem(int fetchSize)
            throws IOException {
        // a fetch size of 1 reads through the cursor, in binary; the default, as text in one round trip
        Response csv = run(engine(ResultFormats.standard(), fetchSize), "SELECT id, seen, seen_utc, day FROM wide.ends"
                + " ORDER BY id", 100, "csv");

        assertThat(csv.text().lines().toList()).containsExactly("id,seen,seen_utc,day", "1,,,", "2,,,",
                "3,2024-01-02T03:04:05.000,2024-01-02T02:04:05.000,2024-01-02");
    }

    @Test
    void maxrecWritesThatManyRowsAndTheOverflowAfterTheTable() throws IOException {
        Response direct = run(engine(ResultFormats.standard(), FETCH_SIZE), EVERY_ROW, 1000, "votable/b2");
        Response stil = run(engine(StilEncodedFormats.votable(), FETCH_SIZE), EVERY_ROW, 1000, "votable/b2");

        assertThat(direct.summary()).isEqualTo(new WriteSummary(1000, true));
        assertThat(direct.text()).contains("</TABLE>\n<INFO name=\"QUERY_STATUS\" value=\"OVERFLOW\"/>");
        assertThat(direct.stream()).isEqualTo(stil.stream());
        assertThat(rows(direct.table())).hasSize(1000);
    }

    @Test
    void aQueryFailingMidStreamEndsTheDocumentWithQueryStatusErrorAfterTheRowsSent() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        // rows come in the order they were inserted: the division fails on the 2000th, after a few fetches were written
        String adql = "SELECT id, 1 / (id - 2000) AS inverse, label FROM wide.vals WHERE id > 0";

        assertThatThrownBy(() -> engine(ResultFormats.standard(), FETCH_SIZE).execute(
                new QueryRequest(adql, 100_000, Optional.of("votable/b2"), Optional.empty()), type -> body))
                .isInstanceOfSatisfying(QueryFailedException.class,
                        failure -> assertThat(failure.isMarkedInDocument()).isTrue());

        String document = body.toString(StandardCharsets.UTF_8);
        assertThat(document).containsPattern("</TABLE>\n<INFO name=\"QUERY_STATUS\" value=\"ERROR\">"
                + "error while writing the result after row \\d+: .*division by zero");
        assertThat(document).endsWith("</VOTABLE>\n");
    }

    @Test
    void aCancelMidStreamStopsTheQueryAndEndsTheDocumentWithQueryStatusError() {
        QueryControl control = new QueryControl(Optional.empty());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        // an endless result: only the cancel, sent once the first rows are out, can end it
        String adql = "SELECT a.id, a.label, b.id AS other FROM wide.vals AS a, wide.vals AS b";
        OutputStream cancelling = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                body.write(bytes, offset, length);
                if (body.size() > 1_000_000 && !control.isCancelled()) {
                    control.cancel();
                }
            }
        };

        assertThatThrownBy(() -> engine(ResultFormats.standard(), FETCH_SIZE).execute(
                new QueryRequest(adql, Long.MAX_VALUE, Optional.of("votable/b2"), Optional.empty()), UploadParts.none(),
                type -> cancelling, control))
                .isInstanceOf(QueryFailedException.class);

        assertThat(body.toString(StandardCharsets.UTF_8))
                .containsPattern("</TABLE>\n<INFO name=\"QUERY_STATUS\" value=\"ERROR\">[^<]*cancel")
                .endsWith("</VOTABLE>\n");
    }
}

package org.tapservice.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tapservice.adql.AdqlTranslator;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TapSchemaLoader;
import org.tapservice.core.tap.QueryRequest;
import org.tapservice.core.testing.TestDatabase;
import org.tapservice.core.testing.TestUploads;
import org.tapservice.votable.Cells;
import org.tapservice.votable.FormatReaders;
import org.tapservice.votable.ResultFormats;

import com.zaxxer.hikari.HikariDataSource;

import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.StarTable;

/**
 * Every PostgreSQL type a TAP table may hold keeps its value, and its NULL, through every
 * output format: the table is queried through the engine on the real database and each result
 * is read back as clients read it (STIL's readers; for VOTable also astropy).
 */
class TypeFidelityTest {

    private static final String EVERY_COLUMN = "SELECT * FROM types.every_type ORDER BY id";

    private static TestDatabase database;
    private static HikariDataSource archive;
    private static QueryEngine engine;

    @BeforeAll
    static void createTable() {
        database = TestDatabase.create();
        EveryPostgresType.install(database);
        archive = database.archive(Duration.ofSeconds(30));
        engine = new QueryEngine(archive, new AdqlTranslator(), new CatalogCache(new TapSchemaLoader(database.dataSource()),
                Duration.ofHours(1), Clock.systemUTC()), ResultFormats.standard(), new ExecutionSettings(2),
                TestUploads.standard());
    }

    @AfterAll
    static void drop() {
        archive.close();
        database.close();
    }

    static byte[] run(String adql, long maxrec, String format) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        engine.execute(new QueryRequest(adql, maxrec, Optional.of(format), Optional.empty()), type -> body);
        return body.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b", "csv", "tsv", "fits", "parquet", "html"})
    void everyTypeReadsBackWithTheValueStoredAndEveryNullAsTheFormatWritesNulls(String format) throws IOException {
        StarTable table = FormatReaders.read(format, run(EVERY_COLUMN, 100, format));

        assertThat(table.getColumnCount()).isEqualTo(EveryPostgresType.COLUMNS.size());
        List<Object[]> rows = FormatReaders.rows(table);
        assertThat(rows).hasSize(EveryPostgresType.ROWS.size());
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < table.getColumnCount(); c++) {
                Object expected = expected(format, r, c);
                Object actual = rows.get(r)[c];
                assertThat(SameValue.matches(expected, actual))
                        .as("%s row %d column %s: wrote %s, read back %s", format, r, table.getColumnInfo(c).getName(),
                                show(expected), show(actual))
                        .isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b", "fits", "parquet"})
    void typedFormatsKeepEachColumnsUnitUcdAndXtype(String format) throws IOException {
        StarTable table = FormatReaders.read(format, run(EVERY_COLUMN, 100, format));
        for (int c = 0; c < table.getColumnCount(); c++) {
            List<String> declared = EveryPostgresType.COLUMNS.get(c);
            ColumnInfo info = table.getColumnInfo(c);
            assertThat(orEmpty(info.getXtype())).as("%s xtype of %s", format, declared.get(0)).isEqualTo(declared.get(4));
            assertThat(orEmpty(info.getUnitString())).as("%s unit of %s", format, declared.get(0)).isEqualTo(declared.get(5));
            assertThat(orEmpty(info.getUCD())).as("%s UCD of %s", format, declared.get(0)).isEqualTo(declared.get(6));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b"})
    void astropyReadsEveryTypeItsDatatypeAndItsFrame(String format, @TempDir Path directory) throws Exception {
        assumeTrue(hasAstropy(), "/usr/bin/python3 cannot import astropy (Debian: apt-get install python3-astropy)");
        Path file = Files.write(directory.resolve("result.xml"), run(EVERY_COLUMN, 100, format));

        JSONObject read = astropy(file);

        JSONArray fields = read.getJSONArray("fields");
        for (int c = 0; c < fields.length(); c++) {
            List<String> declared = EveryPostgresType.COLUMNS.get(c);
            JSONObject field = fields.getJSONObject(c);
            assertThat(field.getString("name")).isEqualTo(declared.get(0));
            assertThat(field.getString("datatype")).as("datatype of %s", declared.get(0)).isEqualTo(declared.get(2));
        }
        assertThat(frameOf(fields, "pos")).isEqualTo("ICRS");
        assertThat(frameOf(fields, "dbl")).isEqualTo("ICRS");
        assertThat(frameOf(fields, "seen")).isEqualTo("UTC");
        assertThat(fields.getJSONObject(1).isNull("frame")).as("a short has no frame").isTrue();
        JSONArray rows = read.getJSONArray("rows");
        assertThat(rows.length()).isEqualTo(EveryPostgresType.ROWS.size());
        for (int r = 0; r < rows.length(); r++) {
            for (int c = 0; c < fields.length(); c++) {
                Object expected = EveryPostgresType.ROWS.get(r)[c];
                Object actual = json(rows.getJSONArray(r).get(c));
                assertThat(SameValue.matches(expected, actual))
                        .as("%s row %d column %s: wrote %s, astropy read %s", format, r,
                                fields.getJSONObject(c).getString("name"), show(expected), show(actual))
                        .isTrue();
            }
        }
    }

    /** What the format can hold of a stored value: FITS text is ASCII, so other characters become '?'. */
    private static Object expected(String format, int row, int column) {
        Object value = EveryPostgresType.ROWS.get(row)[column];
        return format.equals("fits") && value instanceof String text ? text.replaceAll("[^\\x00-\\x7F]", "?") : value;
    }

    private static String frameOf(JSONArray fields, String name) {
        for (int i = 0; i < fields.length(); i++) {
            if (fields.getJSONObject(i).getString("name").equals(name)) {
                return fields.getJSONObject(i).optString("frame", null);
            }
        }
        throw new AssertionError("no field " + name);
    }

    private static Object json(Object value) {
        return value == JSONObject.NULL ? null : value instanceof JSONArray array ? array.toList() : value;
    }

    private static String show(Object value) {
        return value == null ? "null" : value.getClass().isArray() ? Cells.comparable(value).toString()
                : value + " (" + value.getClass().getSimpleName() + ")";
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static boolean hasAstropy() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/usr/bin/python3", "-c", "import astropy").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0;
    }

    /** Runs the astropy reader under the system Python, which has astropy (Debian's package). */
    static JSONObject astropy(Path votable) throws IOException, InterruptedException {
        Path output = Files.createTempFile(votable.getParent(), "astropy", ".json");
        Process process = new ProcessBuilder("/usr/bin/python3", "src/test/python/read_votable.py", votable.toString())
                .redirectOutput(output.toFile()).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.appendTo(votable.getParent().resolve("astropy.err").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("astropy finished").isTrue();
        assertThat(process.exitValue()).as("astropy failed: %s",
                readIfExists(votable.getParent().resolve("astropy.err"))).isZero();
        return new JSONObject(Files.readString(output, StandardCharsets.UTF_8));
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}

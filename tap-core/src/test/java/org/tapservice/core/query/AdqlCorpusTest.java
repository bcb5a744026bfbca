package org.tapservice.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tapservice.adql.AdqlException;
import org.tapservice.adql.AdqlTranslator;
import org.tapservice.core.TapException;
import org.tapservice.core.query.CorpusExpectation.Cell;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TapSchemaLoader;
import org.tapservice.core.tap.QueryRequest;
import org.tapservice.core.testing.TestDatabase;
import org.tapservice.core.testing.TestUploads;
import org.tapservice.votable.ResultFormats;
import org.tapservice.votable.WriteSummary;

import com.zaxxer.hikari.HikariDataSource;

import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.votable.VOTableBuilder;

/**
 * The ADQL corpus: queries written from the ADQL 2.1 and TAP 1.1 texts, one file per topic under
 * {@code adql-corpus/}, each run as the service runs it (translated against TAP_SCHEMA, executed
 * on PostgreSQL with pgsphere through the read-only archive session, written as a BINARY2
 * VOTable) and read back with STIL. Its rows must be the ones worked out by hand from
 * {@code adql-corpus/fixture.sql}; see {@link CorpusReader} for the file format and
 * {@link CorpusValues} for how values compare.
 */
class AdqlCorpusTest {

    private static final String DIRECTORY = "/adql-corpus";
    private static final long MAXREC = 10_000;

    private static final AdqlTranslator TRANSLATOR = new AdqlTranslator();

    private static TestDatabase database;
    private static HikariDataSource archive;
    private static CatalogCache catalogs;
    private static QueryEngine engine;

    @BeforeAll
    static void createFixture() {
        database = TestDatabase.create();
        CorpusFixture.install(database);
        archive = database.archive(Duration.ofSeconds(30));
        catalogs = new CatalogCache(new TapSchemaLoader(database.dataSource()), Duration.ofHours(1), Clock.systemUTC());
        engine = new QueryEngine(archive, TRANSLATOR, catalogs, ResultFormats.standard(), new ExecutionSettings(100),
                TestUploads.standard());
    }

    @AfterAll
    static void drop() {
        if (archive != null) {
            archive.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @TestFactory
    Stream<DynamicContainer> everyCorpusQueryGivesItsExpectedResult() throws IOException {
        List<DynamicContainer> topics = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory())) {
            for (Path file : files.filter(path -> path.toString().endsWith(".adql")).sorted().toList()) {
                List<CorpusEntry> entries = CorpusReader.read(file.getFileName().toString(), Files.readString(file));
                topics.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), entries.stream()
                        .map(entry -> DynamicTest.dynamicTest(entry.name(), () -> check(entry)))));
            }
        }
        assertThat(topics).as("corpus files under " + DIRECTORY).isNotEmpty();
        return topics.stream();
    }

    private static void check(CorpusEntry entry) throws IOException {
        switch (entry.expectation()) {
            case CorpusExpectation.Rows rows -> checkRows(entry, rows);
            case CorpusExpectation.AdqlError error -> assertThatThrownBy(
                    () -> TRANSLATOR.translate(entry.adql(), catalogs.current(), OptionalLong.of(MAXREC + 1)))
                    .as(where(entry))
                    .isInstanceOfSatisfying(AdqlException.class, e -> assertThat(
                            e.code() + " at " + e.line() + ":" + e.column() + " (" + e.errorMessage() + ")")
                            .startsWith(error.code() + " at " + error.line() + ":" + error.column() + " ("));
            case CorpusExpectation.Failure failure -> assertThatThrownBy(() -> run(entry.adql()))
                    .as(where(entry))
                    .isInstanceOf(TapException.class)
                    .hasMessageContaining(failure.message());
        }
    }

    private static void checkRows(CorpusEntry entry, CorpusExpectation.Rows expected) throws IOException {
        StarTable table = run(entry.adql());
        List<ColumnInfo> columns = IntStream.range(0, table.getColumnCount()).mapToObj(table::getColumnInfo).toList();
        List<Object[]> rows = rows(table);
        String actual = "\n" + render(columns, rows);
        assertThat(columns.stream().map(ColumnInfo::getName).toList()).as(where(entry) + actual)
                .isEqualTo(expected.header());
        expected.types().ifPresent(types -> assertThat(columns.stream().map(CorpusValues::typeOf).toList())
                .as(where(entry) + ": column types").isEqualTo(types));
        if (rows.size() != expected.rows().size() || !rowsMatch(expected, rows)) {
            fail(where(entry) + ": expected\n" + expected.rows().stream()
                    .map(row -> row.stream().map(Cell::toString).collect(Collectors.joining(",")))
                    .collect(Collectors.joining("\n")) + "\nbut got" + actual);
        }
    }

    private static boolean rowsMatch(CorpusExpectation.Rows expected, List<Object[]> rows) {
        if (expected.ordered()) {
            return IntStream.range(0, rows.size()).allMatch(i -> rowMatches(expected.rows().get(i), rows.get(i)));
        }
        List<Object[]> unmatched = new ArrayList<>(rows);
        for (List<Cell> row : expected.rows()) {
            Optional<Object[]> match = unmatched.stream().filter(candidate -> rowMatches(row, candidate)).findFirst();
            if (match.isEmpty()) {
                return false;
            }
            unmatched.remove(match.get());
        }
        return true;
    }

    private static boolean rowMatches(List<Cell> expected, Object[] actual) {
        return IntStream.range(0, actual.length).allMatch(i -> CorpusValues.matches(expected.get(i), actual[i]));
    }

    private static StarTable run(String adql) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        WriteSummary summary = engine.execute(new QueryRequest(adql, MAXREC, Optional.of("votable"), Optional.empty()),
                contentType -> body);
        assertThat(summary.overflow()).as("the corpus expects whole results").isFalse();
        return new StarTableFactory(false).makeStarTable(new ByteArrayInputStream(body.toByteArray()), new VOTableBuilder());
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

    /** The result in the corpus notation, to show what came back. */
    private static String render(List<ColumnInfo> columns, List<Object[]> rows) {
        StringBuilder text = new StringBuilder(columns.stream().map(ColumnInfo::getName).collect(Collectors.joining(",")))
                .append("  [").append(columns.stream().map(CorpusValues::typeOf).collect(Collectors.joining(", ")))
                .append(']');
        for (Object[] row : rows) {
            text.append('\n').append(Stream.of(row).map(CorpusValues::display).collect(Collectors.joining(",")));
        }
        return text.toString();
    }

    private static String where(CorpusEntry entry) {
        return entry.file() + ":" + entry.line() + " " + entry.name() + "\n" + entry.adql();
    }

    private static Path directory() {
        try {
            return Path.of(AdqlCorpusTest.class.getResource(DIRECTORY).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

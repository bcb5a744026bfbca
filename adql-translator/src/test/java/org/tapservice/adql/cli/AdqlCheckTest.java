package org.tapservice.adql.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code adql check [--parse-only] [--tables FILE] [--udf SIGNATURE]... [QUERY_FILE]}: the
 * translation or the mistake, and an exit status of 0 (valid), 1 (invalid) or 2 (usage).
 */
class AdqlCheckTest {

    @TempDir
    Path directory;

    private Path tables;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeTables() throws IOException {
        tables = Files.writeString(directory.resolve("tables.txt"), """
                # the tables of the examples
                demo.stars
                    id    BIGINT
                    ra    DOUBLE PRECISION
                    dec   DOUBLE   # in degrees
                    name  VARCHAR(32)

                demo.galaxies
                \tid BIGINT
                \tz  REAL
                """);
    }

    private int check(String query, String... args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        return AdqlCheck.run(arguments, new ByteArrayInputStream(query.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aValidQueryFromStandardInputPrintsItsSqlAndExitsWithZero() {
        int status = check("SELECT TOP 5 id FROM demo.stars WHERE dec > 0", "--tables", tables.toString());

        assertThat(status).isZero();
        assertThat(out()).isEqualTo("SELECT \"demo\".\"stars\".\"id\" AS \"id\" FROM \"demo\".\"stars\""
                + " WHERE \"demo\".\"stars\".\"dec\" > 0 LIMIT 5\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void theQueryMayBeReadFromAFile() throws IOException {
        Path query = Files.writeString(directory.resolve("query.adql"), "SELECT z FROM demo.galaxies\n");

        assertThat(check("", "--tables=" + tables, query.toString())).isZero();
        assertThat(out()).contains("\"demo\".\"galaxies\".\"z\"");
    }

    @Test
    void anInvalidQueryPrintsTheLineColumnAndMessageAndExitsWithOne() {
        int status = check("SELECT id\nFROM demo.stars WHERE mag > 1", "--tables", tables.toString());

        assertThat(status).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err()).isEqualTo("line 2, column 23: Column 'mag' does not exist\n");
    }

    @Test
    void aSyntaxErrorIsReportedWhereItIs() {
        assertThat(check("SELECT id FROM demo.stars WHERE", "--tables", tables.toString())).isEqualTo(1);
        assertThat(err()).startsWith("line 1, column 32: mismatched input '<EOF>'");
    }

    @Test
    void parseOnlyChecksTheSyntaxWithoutTablesAndPrintsTheQueryAsRead() {
        assertThat(check("select x from nowhere.t where x>1", "--parse-only")).isZero();
        assertThat(out()).isEqualTo("SELECT x FROM nowhere.t WHERE x > 1\n");
    }

    @Test
    void parseOnlyStillRefusesASyntaxError() {
        assertThat(check("SELECT x FROM", "--parse-only")).isEqualTo(1);
        assertThat(err()).startsWith("line 1, column 14: ");
    }

    @Test
    void aFunctionDeclaredWithUdfMayBeCalled() {
        int status = check("SELECT ivo_hasword(name, 'vega') FROM demo.stars", "--tables", tables.toString(),
                "--udf", "ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER");

        assertThat(status).isZero();
        assertThat(out()).contains("\"ivo_hasword\"(\"demo\".\"stars\".\"name\", 'vega')");
    }

    @Test
    void anUndeclaredFunctionIsAMistakeOfTheQuery() {
        assertThat(check("SELECT ivo_hasword(name, 'vega') FROM demo.stars", "--tables", tables.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("line 1, column 8: Function 'ivo_hasword' does not exist:"
                + " it is neither an ADQL function nor one of the functions this service declares\n");
    }

    @Test
    void anInvalidSignatureIsAUsageError() {
        assertThat(check("SELECT 1 FROM demo.stars", "--tables", tables.toString(), "--udf", "hasword(a TEXT) -> INTEGER"))
                .isEqualTo(2);
        assertThat(err()).startsWith("adql check: --udf: invalid function signature 'hasword(a TEXT) -> INTEGER':")
                .contains("Usage: adql check");
    }

    @Test
    void withoutTablesOrParseOnlyTheCommandIsAUsageError() {
        assertThat(check("SELECT 1 FROM demo.stars")).isEqualTo(2);
        assertThat(err()).startsWith("adql check: the query needs tables to be checked against: give --tables FILE, or --parse-only\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void unknownOptionsMissingValuesAndSecondQueriesAreUsageErrors() {
        assertThat(check("", "--parse-only", "--verbose")).isEqualTo(2);
        assertThat(check("", "--tables")).isEqualTo(2);
        assertThat(check("", "--parse-only", "a.adql", "b.adql")).isEqualTo(2);
        assertThat(err()).contains("adql check: unknown option --verbose\n", "adql check: --tables needs a value\n",
                "adql check: one query at a time: unexpected argument 'b.adql'\n");
    }

    @Test
    void aMissingFileIsAUsageErrorNamingIt() {
        Path missing = directory.resolve("missing.adql");

        assertThat(check("", "--parse-only", missing.toString())).isEqualTo(2);
        assertThat(err()).startsWith("adql check: cannot read the query: " + missing + ": no such file\n");
    }

    @Test
    void aTablesFileMistakeIsAUsageErrorWithItsLine() throws IOException {
        Path wrong = Files.writeString(directory.resolve("wrong.txt"), "demo.stars\n  id BIGINT\n  ra FLOAT8\n");

        assertThat(check("SELECT id FROM demo.stars", "--tables", wrong.toString())).isEqualTo(2);
        assertThat(err()).startsWith("adql check: " + wrong + ":3: unknown ADQL type 'FLOAT8'");
    }

    @Test
    void helpPrintsTheUsageAndExitsWithZero() {
        assertThat(check("", "--help")).isZero();
        assertThat(out()).startsWith("Usage: adql check [--parse-only] [--tables FILE] [--udf SIGNATURE]... [QUERY_FILE]");
    }
}

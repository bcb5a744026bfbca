package org.tapservice.adql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tapservice.adql.catalog.CatalogColumn;
import org.tapservice.adql.catalog.CatalogTable;
import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.catalog.FunctionCatalog;
import org.tapservice.adql.catalog.MapCatalog;
import org.tapservice.adql.catalog.UserFunction;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The SQL runs on PostgreSQL, and JDBC column i is output column i, with the name and
 * the type the translator declared. Uses a throw-away schema on the local server
 * (ADQL_TEST_JDBC_URL to point elsewhere) and is skipped when no server answers.
 * Needs no pgsphere: geometry is covered by {@link TranslationTest}. The user-defined
 * functions are SQL functions of that schema; one returns a wider type than it declares.
 */
class PostgresExecutionTest {

    private static final String URL = System.getenv().getOrDefault("ADQL_TEST_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    private static final String SCHEMA = "adql_test_" + UUID.randomUUID().toString().replace("-", "");

    private static Connection connection;
    private static MapCatalog catalog;
    private static AdqlTranslator translator;

    @BeforeAll
    static void createTables() throws SQLException {
        try {
            connection = DriverManager.getConnection(URL);
        }
        catch (SQLException e) {
            throw new IllegalStateException("no PostgreSQL at " + URL + ": " + e.getMessage(), e);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + SCHEMA);
            statement.execute("CREATE TABLE " + SCHEMA + ".stars (id bigint, ra double precision, \"Dec\" double precision,"
                    + " mag real, name varchar, flags integer, epoch timestamp)");
            statement.execute("CREATE TABLE " + SCHEMA + ".galaxy_view (id bigint, ra double precision, redshift double precision)");
            statement.execute("INSERT INTO " + SCHEMA + ".stars VALUES (1, 10.5, -20.25, 4.5, 'Alpha', 5, '2020-01-01'),"
                    + " (2, 100, 30, 12.25, 'beta', 12, '2021-06-01'), (3, 200.75, 60.5, NULL, NULL, 0, NULL)");
            statement.execute("INSERT INTO " + SCHEMA + ".galaxy_view VALUES (1, 10.5, 1.5), (4, 1, 0.1)");
            statement.execute("CREATE FUNCTION " + SCHEMA + ".hasword(haystack text, needle text) RETURNS integer LANGUAGE sql"
                    + " AS $$ SELECT CAST(lower(needle) = ANY (regexp_split_to_array(lower(haystack), '\\W+')) AS integer) $$");
            statement.execute("CREATE FUNCTION " + SCHEMA + ".healpix(norder integer, source_id bigint) RETURNS bigint LANGUAGE sql"
                    + " AS $$ SELECT source_id >> (35 - 2 * norder) $$");
            statement.execute("CREATE FUNCTION " + SCHEMA + ".word_count(text text) RETURNS bigint LANGUAGE sql"
                    + " AS $$ SELECT CAST(array_length(regexp_split_to_array(text, '\\s+'), 1) AS bigint) $$");
            statement.execute("CREATE FUNCTION " + SCHEMA + ".days_since(t timestamp) RETURNS double precision LANGUAGE sql"
                    + " AS $$ SELECT extract(epoch FROM t - timestamp '2000-01-01') / 86400 $$");
        }
        translator = new AdqlTranslator(TranslatorLimits.defaults(), FunctionCatalog.of(
                UserFunction.declare("ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER").mappedTo(SCHEMA + ".hasword"),
                UserFunction.declare("gaia_healpix_index(norder INTEGER, source_id BIGINT) -> BIGINT").mappedTo(SCHEMA + ".healpix"),
                UserFunction.declare("ivo_word_count(text TEXT) -> INTEGER").mappedTo(SCHEMA + ".word_count"),
                UserFunction.declare("ivo_days_since(t TIMESTAMP) -> DOUBLE").mappedTo(SCHEMA + ".days_since")));
        catalog = MapCatalog.of(
                new CatalogTable("demo", "stars", SCHEMA, "stars", List.of(
                        new CatalogColumn("id", "id", ColumnType.BIGINT),
                        new CatalogColumn("ra", "ra", ColumnType.DOUBLE),
                        new CatalogColumn("dec", "Dec", ColumnType.DOUBLE),
                        new CatalogColumn("mag", "mag", ColumnType.REAL),
                        new CatalogColumn("name", "name", ColumnType.VARCHAR),
                        new CatalogColumn("flags", "flags", ColumnType.INTEGER),
                        new CatalogColumn("epoch", "epoch", ColumnType.TIMESTAMP))),
                new CatalogTable("demo", "galaxies", SCHEMA, "galaxy_view", List.of(
                        new CatalogColumn("id", "id", ColumnType.BIGINT),
                        new CatalogColumn("ra", "ra", ColumnType.DOUBLE),
                        new CatalogColumn("z", "redshift", ColumnType.DOUBLE))));
    }

    @AfterAll
    static void dropTables() throws SQLException {
        if (connection != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
            connection.close();
        }
    }

    /** Queries over every kind of clause, each run as translated. */
    static Stream<String> queries() {
        return Stream.of(
                "SELECT * FROM demo.stars",
                "SELECT TOP 2 s.*, g.z FROM demo.stars AS s LEFT JOIN demo.galaxies AS g ON s.id = g.id ORDER BY 1 DESC",
                "SELECT ra / 2, 7 / 2, -flags, flags * 2, mag + 1, mag * mag, 1.5, 2147483648, 99999999999999999999 FROM demo.stars",
                "SELECT ABS(flags), ABS(ra), CEILING(mag), FLOOR(ra), DEGREES(1), RADIANS(ra), EXP(1), LOG(ra), LOG10(ra), PI(), RAND() FROM demo.stars",
                "SELECT MOD(flags, 5), MOD(id, 2), MOD(ra, 3), MOD(7.5, 2), POWER(ra, 2), ROUND(ra), ROUND(ra, 1), ROUND(flags, -1), ROUND(1.25, 1) FROM demo.stars",
                "SELECT SQRT(ra), TRUNCATE(ra), TRUNCATE(ra, 1), SIN(ra), COS(ra), TAN(ra), ASIN(0.5), ACOS(0.5), ATAN(ra), ATAN2(ra, 1), COT(ra) FROM demo.stars",
                "SELECT LOWER(name), UPPER(name), name || '-' || id || mag, COALESCE(name, 'none'), COALESCE(mag, flags) FROM demo.stars",
                "SELECT flags & 4, flags | 1, flags ^ 3, ~flags, 0x1F FROM demo.stars",
                "SELECT CAST(ra AS INTEGER), CAST(id AS SMALLINT), CAST(flags AS BIGINT), CAST(flags AS REAL), CAST(flags AS DOUBLE PRECISION),"
                        + " CAST(ra AS VARCHAR(10)), CAST(flags AS CHAR(3)), CAST('2020-01-01' AS TIMESTAMP) FROM demo.stars",
                "SELECT CASE WHEN mag > 5 THEN 'faint' WHEN mag IS NULL THEN 'unknown' ELSE 'bright' END, CASE flags WHEN 5 THEN 1.5 ELSE 2 END FROM demo.stars",
                "SELECT COUNT(*), COUNT(name), COUNT(DISTINCT flags), SUM(flags), SUM(id), SUM(mag), SUM(ra), AVG(flags), AVG(mag), MIN(name), MAX(ra), MIN(epoch) FROM demo.stars",
                "SELECT name AS n, COUNT(*) AS c FROM demo.stars GROUP BY n HAVING COUNT(*) >= 1 ORDER BY c DESC, n",
                "SELECT id FROM demo.stars WHERE ra BETWEEN 1 AND 150 AND name LIKE 'A%' OR name ILIKE 'B%' OR name NOT LIKE 'x!%' ESCAPE '!'",
                "SELECT id FROM demo.stars WHERE id IN (1, 3) AND mag IS NULL OR NOT (flags > 3) AND epoch > '2020-06-01'",
                "SELECT * FROM demo.stars NATURAL JOIN demo.galaxies",
                "SELECT id, s.ra FROM demo.stars AS s JOIN demo.galaxies AS g USING (id)",
                "SELECT s.id FROM demo.stars AS s CROSS JOIN demo.galaxies AS g RIGHT JOIN demo.stars AS t ON t.id = g.id FULL OUTER JOIN demo.galaxies AS h ON h.id = s.id",
                "SELECT d.x, d.n FROM (SELECT ra AS x, name AS n FROM demo.stars WHERE mag < 10) AS d ORDER BY d.x",
                "SELECT id FROM demo.stars AS s WHERE id IN (SELECT id FROM demo.galaxies) OR EXISTS (SELECT 1 FROM demo.galaxies AS g WHERE g.ra = s.ra)",
                "WITH bright AS (SELECT id, mag FROM demo.stars WHERE mag < 5), ids AS (SELECT id FROM bright) SELECT * FROM ids JOIN bright USING (id)",
                "SELECT id FROM demo.stars UNION ALL SELECT id FROM demo.galaxies ORDER BY 1 OFFSET 1",
                "SELECT TOP 1 id FROM demo.stars UNION SELECT id FROM demo.galaxies INTERSECT SELECT id FROM demo.stars EXCEPT SELECT 3 FROM demo.stars",
                "SELECT DISTINCT name FROM demo.stars ORDER BY name",
                "SELECT ra, ra, ra AS \"x\"\"y\", dec FROM demo.stars WHERE dec > -90",
                "SELECT name FROM demo.stars WHERE name = 'it''s' OR name = 'back\\slash'",
                "SELECT ivo_hasword(name, 'alpha'), gaia_healpix_index(flags, id), gaia_healpix_index(id, flags), ivo_word_count(name)"
                        + " FROM demo.stars WHERE ivo_hasword(name, 'beta') = 0 OR name IS NULL",
                "SELECT ivo_days_since(epoch), ivo_days_since('2020-01-01'), ivo_days_since(NULL) FROM demo.stars",
                "SELECT id FROM demo.stars WHERE ra / 2 > 7 / 2 AND flags < 2147483648 AND mag < 99999999999999999999 AND -flags < 0x1F",
                "SELECT id, flags FROM demo.stars WHERE flags IN (5, 12) OR ra BETWEEN 1.5e2 AND 201 OR mag * 1.5 = 6.75",
                "SELECT id FROM demo.stars WHERE CASE WHEN flags > 4 THEN ra ELSE 0.5 END > 10 AND MOD(flags, 5) = 0",
                "SELECT s.id, g.z FROM demo.stars AS s JOIN demo.galaxies AS g ON g.ra > s.ra - 1 AND g.z < 2 WHERE s.flags + 1 > 1",
                "SELECT flags + 1 AS f, COUNT(*) AS c FROM demo.stars WHERE flags > 0 GROUP BY flags + 1 HAVING COUNT(*) > 0 ORDER BY flags + 1",
                "SELECT DISTINCT flags * 2 FROM demo.stars WHERE id IN (SELECT id + 0 FROM demo.galaxies WHERE z > 0.1 GROUP BY id + 0)"
                        + " ORDER BY flags * 2",
                "SELECT d.x FROM (SELECT ra * 2 AS x FROM demo.stars WHERE ra > 10.5) AS d WHERE d.x < 500 ORDER BY d.x");
    }

    @ParameterizedTest
    @MethodSource("queries")
    void theSqlRunsAndJdbcColumnsAreTheOutputColumns(String adql) throws SQLException {
        TranslatedQuery translated = translator.translate(adql, catalog, OptionalLong.of(1000));
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(translated.sql())) {
            ResultSetMetaData metadata = rows.getMetaData();
            assertEquals(translated.columns().size(), metadata.getColumnCount(), translated.sql());
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                OutputColumn column = translated.columns().get(i - 1);
                assertEquals(column.name(), metadata.getColumnLabel(i), translated.sql());
                assertEquals(jdbcType(column.type()), metadata.getColumnType(i), column.name() + " in " + translated.sql());
            }
            while (rows.next()) {
                // every row converts without error
            }
        }
    }

    /**
     * Sent as parameters, the numbers of a query give the rows, column names and column types
     * they give written into the SQL: each parameter is typed as PostgreSQL types the literal.
     */
    @ParameterizedTest
    @MethodSource("queries")
    void numbersSentAsParametersGiveTheResultOfNumbersInTheText(String adql) throws SQLException {
        assumeFalse(adql.contains("RAND()"), "random numbers differ from run to run");
        TranslatedQuery inline = translator.translate(adql, catalog, OptionalLong.of(1000));
        TranslatedQuery bound = translator.translate(adql, catalog, OptionalLong.of(1000), LiteralBinding.PARAMETERS);
        assertEquals(BoundParameters.result(connection, inline), BoundParameters.result(connection, bound), bound.sql());
    }

    private static int jdbcType(ColumnType type) {
        return switch (type) {
            case SMALLINT -> Types.SMALLINT;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case REAL -> Types.REAL;
            case DOUBLE -> Types.DOUBLE;
            case CHAR -> Types.CHAR;
            case VARCHAR, CLOB -> Types.VARCHAR;
            case TIMESTAMP -> Types.TIMESTAMP;
            case BOOLEAN -> Types.BIT;
            default -> throw new IllegalArgumentException("no JDBC type expected for " + type);
        };
    }
}

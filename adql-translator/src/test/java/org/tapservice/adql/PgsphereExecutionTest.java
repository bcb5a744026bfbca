package org.tapservice.adql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tapservice.adql.catalog.CatalogColumn;
import org.tapservice.adql.catalog.CatalogTable;
import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.catalog.MapCatalog;
import org.tapservice.adql.sql.PgsphereGuards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The geometry SQL runs on pgsphere. Runs in a throw-away database, only where the server
 * offers the pg_sphere extension; skipped otherwise. (That positional constraints use a GiST
 * index is shown in tap-core, through TAP_SCHEMA.)
 */
class PgsphereExecutionTest {

    private static final String ADMIN_URL = System.getenv().getOrDefault("ADQL_TEST_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    private static final String DATABASE = "adql_test_" + UUID.randomUUID().toString().replace("-", "");

    private static Connection connection;
    private static final MapCatalog CATALOG = MapCatalog.of(new CatalogTable("demo", "stars", "public", "stars", List.of(
            new CatalogColumn("id", "id", ColumnType.BIGINT),
            new CatalogColumn("ra", "ra", ColumnType.DOUBLE),
            new CatalogColumn("dec", "dec", ColumnType.DOUBLE),
            new CatalogColumn("pos", "pos", ColumnType.POINT))));

    @BeforeAll
    static void createDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(ADMIN_URL); Statement statement = admin.createStatement()) {
            ResultSet available = statement.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_sphere'");
            if (!available.next()) {
                throw new IllegalStateException("pg_sphere is not available on " + ADMIN_URL + " (run bin/setup-postgres)");
            }
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        catch (SQLException e) {
            throw new IllegalStateException("no PostgreSQL at " + ADMIN_URL + ": " + e.getMessage(), e);
        }
        connection = DriverManager.getConnection(ADMIN_URL.replaceFirst("/[^/?]+(\\?|$)", "/" + DATABASE + "$1"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION pg_sphere");
            statement.execute(guardScript());
            statement.execute("CREATE TABLE stars AS SELECT i AS id, (i * 0.0137) % 360 AS ra, ((i * 0.0071) % 180) - 90 AS dec,"
                    + " spoint(radians((i * 0.0137) % 360), radians(((i * 0.0071) % 180) - 90)) AS pos FROM generate_series(1, 50000) AS i");
            statement.execute("CREATE INDEX stars_position ON stars USING gist (spoint(radians(ra), radians(dec)))");
            statement.execute("ANALYZE stars");
        }
    }

    private static String guardScript() {
        try (InputStream script = PgsphereGuards.class.getResourceAsStream(PgsphereGuards.SCRIPT)) {
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (connection != null) {
            connection.close();
            try (Connection admin = DriverManager.getConnection(ADMIN_URL); Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            }
        }
    }

    private static String sql(String adql) {
        return new AdqlTranslator().translate(adql, CATALOG, OptionalLong.of(1000)).sql();
    }

    @Test
    void aConeSearchFindsThePointsWithinItsRadius() throws SQLException {
        String cone = sql("SELECT COUNT(*) FROM demo.stars WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(100, 10, 5))");
        String distance = sql("SELECT COUNT(*) FROM demo.stars WHERE DISTANCE(POINT(ra, dec), POINT(100, 10)) <= 5");
        assertEquals(count(distance), count(cone));
    }

    /**
     * The inputs on which pgsphere's polygon aggregate crashes the server or answers nonsense
     * (a NULL first vertex, a vertex that is no finite position) never reach it: the guard makes
     * the polygon NULL or refuses it with a data error naming the vertex, and the server has not
     * restarted.
     */
    @Test
    void aPolygonWithANullVertexIsNullInsteadOfCrashingTheServer() throws SQLException {
        Timestamp started = serverStart();
        assertEquals(0, count(sql("SELECT COUNT(*) FROM demo.stars"
                + " WHERE 1 = CONTAINS(pos, POLYGON(CASE WHEN ra < 0 THEN ra END, dec, 20, 10, 15, 20))")));
        assertEquals(0, count(sql("SELECT COUNT(*) FROM demo.stars"
                + " WHERE 1 = CONTAINS(pos, POLYGON(CENTROID(CIRCLE(CASE WHEN ra < 0 THEN ra END, dec, 1)), POINT(20, 10), POINT(15, 20)))")));
        assertEquals(started, serverStart());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "POLYGON(CAST('NaN' AS DOUBLE PRECISION), dec, 20, 10, 15, 20)          | POLYGON vertex 1 is not a finite position (NaN, ",
            "POLYGON(10, 10, 20, CAST('-Infinity' AS DOUBLE PRECISION), 15, 20)     | POLYGON vertex 2 is not a finite position (20, -Infinity)",
            "POLYGON(POINT(10, 10), POINT(ra, CAST('Infinity' AS DOUBLE PRECISION)), POINT(15, 20)) | POLYGON vertex 2 is not a finite position",
            "POLYGON(10, 10, 20, dec + 200, 15, 20)                      | POLYGON vertex 2 has latitude ",
            "POLYGON(ra, 10, ra, 10, 15, 20)                             | POLYGON is not a valid polygon",
            "POLYGON(10, 0, 190, 0, 15, dec)                             | POLYGON is not a valid polygon",
    })
    void aPolygonPgsphereCannotTakeIsADataErrorNamingTheVertex(String polygon, String message) throws SQLException {
        Timestamp started = serverStart();
        SQLException refused = assertThrows(SQLException.class,
                () -> count(sql("SELECT COUNT(*) FROM demo.stars WHERE 1 = CONTAINS(pos, " + polygon + ")")));
        assertEquals("22023", refused.getSQLState(), refused.getMessage());
        assertTrue(refused.getMessage().contains(message), refused.getMessage());
        assertEquals(started, serverStart());
    }

    /**
     * When the server last started or reinitialized after a crash: the checkpointer's start, as
     * the postmaster, and pg_postmaster_start_time(), survive a crash of a backend.
     */
    private static Timestamp serverStart() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT backend_start FROM pg_stat_activity WHERE backend_type = 'checkpointer'")) {
            rows.next();
            return rows.getTimestamp(1);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Geometry in conditions and in select lists, in every form ADQL writes it. */
    static Stream<String> geometryQueries() {
        return Stream.of(
                "SELECT id FROM demo.stars WHERE CONTAINS(POINT(ra, dec), CIRCLE(POINT(100, 10), 1)) = 0",
                "SELECT id FROM demo.stars WHERE 1 = CONTAINS(pos, POLYGON('ICRS', 10, 10, 20, 10, 15, 20))",
                "SELECT id FROM demo.stars WHERE 1 = CONTAINS(pos, POLYGON(POINT(10, 10), POINT(20, 10), POINT(15, 20 + dec / 10)))",
                "SELECT id FROM demo.stars WHERE 1 = CONTAINS(pos, BOX(10, 20, 2, 1)) OR 1 = INTERSECTS(BOX(POINT(1, 2), 3, 4), pos)",
                "SELECT id FROM demo.stars WHERE 1 = INTERSECTS(CIRCLE(pos, 1), CIRCLE(10, 20, 3))",
                "SELECT DISTANCE(pos, POINT(1, 2)), DISTANCE(ra, dec, 1, 2), COORD1(pos), COORD2(pos), POINT(ra, dec) FROM demo.stars",
                "SELECT AREA(CIRCLE(1, 2, 3)), AREA(POLYGON(1, 2, 3, 4, 5, 0)), CENTROID(CIRCLE(pos, 1)), COORDSYS(pos), CONTAINS(pos, CIRCLE(1, 2, 3)) FROM demo.stars",
                "SELECT TOP 100 * FROM demo.stars WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 100.25, 10.5, 0.5))",
                "SELECT id FROM demo.stars WHERE DISTANCE(POINT(ra, dec), POINT(100, 10)) <= 0.75",
                "SELECT id FROM demo.stars WHERE 1 = CONTAINS(pos, POLYGON(100, 10, 101.5, 10, 100.5, 11.25)) AND id > 10");
    }

    @ParameterizedTest
    @MethodSource("geometryQueries")
    void geometryTranslatesToRunnablePgsphere(String adql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql(adql))) {
            while (rows.next()) {
                // every row converts without error
            }
        }
    }

    /** A cone search's numbers as parameters find the rows its numbers in the text find. */
    @ParameterizedTest
    @MethodSource("geometryQueries")
    void geometryWithItsNumbersAsParametersGivesTheSameRows(String adql) throws SQLException {
        AdqlTranslator translator = new AdqlTranslator();
        TranslatedQuery bound = translator.translate(adql, CATALOG, OptionalLong.of(1000), LiteralBinding.PARAMETERS);
        assertEquals(BoundParameters.result(connection, translator.translate(adql, CATALOG, OptionalLong.of(1000))),
                BoundParameters.result(connection, bound), bound.sql());
    }
}

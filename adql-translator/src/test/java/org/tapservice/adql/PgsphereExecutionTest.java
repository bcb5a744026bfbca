package org.tapservice.adql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tapservice.adql.catalog.CatalogColumn;
import org.tapservice.adql.catalog.CatalogTable;
import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.catalog.MapCatalog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
            statement.execute("CREATE TABLE stars AS SELECT i AS id, (i * 0.0137) % 360 AS ra, ((i * 0.0071) % 180) - 90 AS dec,"
                    + " spoint(radians((i * 0.0137) % 360), radians(((i * 0.0071) % 180) - 90)) AS pos FROM generate_series(1, 50000) AS i");
            statement.execute("CREATE INDEX stars_position ON stars USING gist (spoint(radians(ra), radians(dec)))");
            statement.execute("ANALYZE stars");
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

    private static long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT id FROM demo.stars WHERE CONTAINS(POINT(ra, dec), CIRCLE(POINT(100, 10), 1)) = 0",
            "SELECT id FROM demo.stars WHERE 1 = CONTAINS(pos, POLYGON('ICRS', 10, 10, 20, 10, 15, 20))",
            "SELECT id FROM demo.stars WHERE 1 = CONTAINS(pos, POLYGON(POINT(10, 10), POINT(20, 10), POINT(15, ra)))",
            "SELECT id FROM demo.stars WHERE 1 = CONTAINS(pos, BOX(10, 20, 2, 1)) OR 1 = INTERSECTS(BOX(POINT(1, 2), 3, 4), pos)",
            "SELECT id FROM demo.stars WHERE 1 = INTERSECTS(CIRCLE(pos, 1), CIRCLE(10, 20, 3))",
            "SELECT DISTANCE(pos, POINT(1, 2)), DISTANCE(ra, dec, 1, 2), COORD1(pos), COORD2(pos), POINT(ra, dec) FROM demo.stars",
            "SELECT AREA(CIRCLE(1, 2, 3)), AREA(POLYGON(1, 2, 3, 4, 5, 0)), CENTROID(CIRCLE(pos, 1)), COORDSYS(pos), CONTAINS(pos, CIRCLE(1, 2, 3)) FROM demo.stars",
    })
    void geometryTranslatesToRunnablePgsphere(String adql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql(adql))) {
            while (rows.next()) {
                // every row converts without error
            }
        }
    }
}

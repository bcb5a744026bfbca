package org.tapservice.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tapservice.adql.AdqlTranslator;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TapSchemaLoader;
import org.tapservice.core.testing.QueryPlans;
import org.tapservice.core.testing.TestDatabase;

/**
 * Positional constraints become conditions PostgreSQL answers from a GiST index on
 * {@code spoint(radians(ra), radians(dec))}, the index the service asks archives to build. The
 * table holds 100 000 positions spread evenly over the sky and is analyzed, so the planner
 * chooses the index on its own merits when a constraint selects a small patch of sky.
 */
class SpatialIndexTest {

    private static final String INDEX = "sky_position";

    private static TestDatabase database;
    private static CatalogCache catalogs;

    @BeforeAll
    static void createSky() {
        database = TestDatabase.create();
        // RA steps by the golden angle and sin(dec) by the fraction of the square root of 2, two
        // unrelated sequences spread evenly: the points cover the sphere evenly
        database.execute("""
                CREATE SCHEMA bulk;
                CREATE TABLE bulk.sky AS
                SELECT CAST(i AS bigint) AS id,
                       CAST(mod(i * 137.50776405, 360) AS double precision) AS ra,
                       degrees(asin(2 * CAST(mod(i * 0.41421356237, 1) AS double precision) - 1)) AS dec
                FROM generate_series(1, 100000) AS i;
                CREATE INDEX %s ON bulk.sky USING gist (spoint(radians(ra), radians(dec)));
                ANALYZE bulk.sky;

                INSERT INTO tap_schema.schemas (schema_name) VALUES ('bulk');
                INSERT INTO tap_schema.tables (schema_name, table_name) VALUES ('bulk', 'bulk.sky');
                INSERT INTO tap_schema.columns (table_name, column_name, datatype, column_index) VALUES
                    ('bulk.sky', 'id', 'long', 0), ('bulk.sky', 'ra', 'double', 1), ('bulk.sky', 'dec', 'double', 2);
                """.formatted(INDEX));
        catalogs = new CatalogCache(new TapSchemaLoader(database.dataSource()), Duration.ofHours(1), Clock.systemUTC());
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    /** PostgreSQL's plan for the SQL an ADQL query becomes, with the row limit of MAXREC 1000. */
    private static String plan(String adql) throws SQLException {
        String sql = new AdqlTranslator().translate(adql, catalogs.current(), OptionalLong.of(1001)).sql();
        return QueryPlans.explain(database.dataSource(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT id FROM bulk.sky WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 120, 30, 0.5))",
            "SELECT id FROM bulk.sky WHERE CONTAINS(POINT(ra, dec), CIRCLE(POINT(359.9, -10), 1)) = 1",
            "SELECT id, ra, dec FROM bulk.sky WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(0, 90, 2)) AND dec > 0 ORDER BY id",
    })
    void aConeSearchUsesTheIndex(String adql) throws SQLException {
        assertThat(plan(adql)).contains(INDEX).containsPattern("(Bitmap )?Index Scan");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT id FROM bulk.sky WHERE 1 = CONTAINS(POINT(ra, dec), BOX(120, 30, 1, 1))",
            "SELECT id FROM bulk.sky WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), BOX('ICRS', POINT(0, 0), 2, 1))",
    })
    void aBoxSearchUsesTheIndex(String adql) throws SQLException {
        assertThat(plan(adql)).contains(INDEX).containsPattern("(Bitmap )?Index Scan");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT id FROM bulk.sky WHERE 1 = CONTAINS(POINT(ra, dec), POLYGON(119.5, 29.5, 120.5, 29.5, 120, 30.5))",
            "SELECT id FROM bulk.sky WHERE 1 = CONTAINS(POINT(ra, dec), POLYGON(POINT(10, 10), POINT(11, 10), POINT(11, 11), POINT(10, 11)))",
    })
    void aPolygonSearchUsesTheIndex(String adql) throws SQLException {
        assertThat(plan(adql)).contains(INDEX).containsPattern("(Bitmap )?Index Scan");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT id FROM bulk.sky WHERE DISTANCE(POINT(ra, dec), POINT(120, 30)) <= 0.5",
            "SELECT id FROM bulk.sky WHERE 0.5 > DISTANCE(120, 30, ra, dec)",
    })
    void theConeSearchAdql21PrefersUsesTheIndex(String adql) throws SQLException {
        assertThat(plan(adql)).contains(INDEX).containsPattern("(Bitmap )?Index Scan");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT a.id, b.id FROM bulk.sky AS a JOIN bulk.sky AS b ON DISTANCE(a.ra, a.dec, b.ra, b.dec) < 0.01 WHERE a.id <= 100",
            "SELECT a.id, b.id FROM bulk.sky AS a JOIN bulk.sky AS b ON DISTANCE(b.ra, b.dec, a.ra, a.dec) < 0.01 WHERE a.id <= 100",
    })
    void aCrossmatchLooksUpEachRowsNeighboursInTheIndex(String adql) throws SQLException {
        assertThat(plan(adql)).contains("Nested Loop").contains(INDEX);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT id FROM bulk.sky WHERE 0 = CONTAINS(POINT(ra, dec), CIRCLE(120, 30, 0.5))",
            "SELECT id FROM bulk.sky WHERE dec > 0",
    })
    void aConditionThatKeepsMostOfTheSkyDoesNotUseTheIndex(String adql) throws SQLException {
        assertThat(plan(adql)).doesNotContain(INDEX).contains("Seq Scan");
    }
}

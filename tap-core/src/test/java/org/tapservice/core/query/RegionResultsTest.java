package org.tapservice.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TapSchemaLoader;
import org.tapservice.core.testing.TestDatabase;
import org.tapservice.votable.ColumnMetadata;
import org.tapservice.votable.Datatype;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A pgsphere column published as TAP 1.0 / ObsCore 1.1 publish s_region, an ADQL REGION (datatype
 * char, arraysize *, xtype adql:REGION), is written as STC-S in every format, while ADQL's
 * geometry functions still take it as the shape it is stored as.
 */
class RegionResultsTest {


    private static TestDatabase database;
    private static HikariDataSource archive;
    private static ArchiveQueries queries;

    @BeforeAll
    static void createFixture() {
        database = TestDatabase.create();
        database.execute("""
                CREATE SCHEMA fields;
                CREATE TABLE fields.footprints (id integer PRIMARY KEY, fp spoly, cone scircle, centre spoint,
                    stored text);
                INSERT INTO fields.footprints VALUES
                    (1, spoly '{(10d, 20d), (11d, 20d), (11d, 21d), (10d, 21d)}', scircle '<(10.5d, 20.5d), 1d>',
                        spoint '(10.5d, 20.5d)', 'Polygon ICRS 1 2 3 2 3 4'),
                    (2, spoly '{(200d, -46d), (201d, -46d), (201d, -45d)}', scircle '<(359.5d, -45d), 0.25d>',
                        spoint '(0d, 0d)', NULL),
                    (3, NULL, NULL, NULL, NULL);
                GRANT USAGE ON SCHEMA fields TO PUBLIC;
                GRANT SELECT ON ALL TABLES IN SCHEMA fields TO PUBLIC;
                INSERT INTO tap_schema.schemas (schema_name) VALUES ('fields');
                INSERT INTO tap_schema.tables (schema_name, table_name) VALUES ('fields', 'fields.footprints');
                INSERT INTO tap_schema.columns (table_name, column_name, datatype, arraysize, xtype, ucd, column_index)
                VALUES ('fields.footprints', 'id', 'int', NULL, NULL, 'meta.id', 0),
                    ('fields.footprints', 'fp', 'char', '*', 'adql:REGION', 'pos.outline;obs.field', 1),
                    ('fields.footprints', 'cone', 'char', '*', 'adql:REGION', NULL, 2),
                    ('fields.footprints', 'centre', 'char', '*', 'adql:REGION', NULL, 3),
                    ('fields.footprints', 'stored', 'char', '*', 'adql:REGION', NULL, 4);
                """);
        archive = database.archive(Duration.ofSeconds(30));
        queries = new ArchiveQueries(archive,
                new CatalogCache(new TapSchemaLoader(database.dataSource()), Duration.ofHours(1), Clock.systemUTC()));
    }

    @AfterAll
    static void drop() {
        archive.close();
        database.close();
    }

    @Test
    void aRegionColumnKeepsItsPublishedTypeAndSoDoesARegionComputedFromOne() throws SQLException {
        assertThat(queries.fields("SELECT fp, CASE WHEN id = 1 THEN cone END AS first FROM fields.footprints"))
                .extracting(ColumnMetadata::datatype, ColumnMetadata::arraysize, ColumnMetadata::xtype)
                .containsExactly(tuple(Datatype.CHAR, "*", "adql:REGION"), tuple(Datatype.CHAR, "*", "adql:REGION"));
    }

    @Test
    void csvWritesEveryShapeAsStcsInDegrees() throws IOException {
        assertThat(queries.run("SELECT id, fp, cone, centre FROM fields.footprints ORDER BY id", "csv").lines().toList())
                .containsExactly(
                        "id,fp,cone,centre",
                        "1,Polygon ICRS 10 20 11 20 11 21 10 21,Circle ICRS 10.5 20.5 1,Position ICRS 10.5 20.5",
                        "2,Polygon ICRS 200 -46 201 -46 201 -45,Circle ICRS 359.5 -45 0.25,Position ICRS 0 0",
                        "3,,,");
    }

    @Test
    void aVOTableFieldSaysCharAdqlRegionAndItsCellHoldsTheStcs() throws IOException {
        String votable = queries.run("SELECT fp FROM fields.footprints WHERE id = 1", "votable/td");

        assertThat(votable)
                .containsPattern("<FIELD(?=[^>]*name=\"fp\")(?=[^>]*datatype=\"char\")(?=[^>]*arraysize=\"\\*\")"
                        + "(?=[^>]*xtype=\"adql:REGION\")")
                .contains("<TD>Polygon ICRS 10 20 11 20 11 21 10 21</TD>");
    }

    @Test
    void aRegionComputedFromAStoredOneIsStcsToo() throws IOException {
        assertThat(queries.run("SELECT CASE WHEN id = 1 THEN cone END AS first FROM fields.footprints "
                + "WHERE id < 3 ORDER BY id", "tsv").lines().toList())
                .containsExactly("first", "Circle ICRS 10.5 20.5 1", "");
    }

    @Test
    void aRegionStoredAsTextIsPassedOnAsItIs() throws IOException {
        assertThat(queries.run("SELECT stored FROM fields.footprints WHERE id = 1", "csv").lines().toList())
                .containsExactly("stored", "Polygon ICRS 1 2 3 2 3 4");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT id FROM fields.footprints WHERE 1 = CONTAINS(POINT('ICRS', 10.5, 20.5), fp)",
            "SELECT id FROM fields.footprints WHERE 1 = INTERSECTS(fp, CIRCLE('ICRS', 9.5, 20.5, 0.6))",
            "SELECT id FROM fields.footprints WHERE 1 = INTERSECTS(CIRCLE('ICRS', 9.5, 20.5, 0.6), fp)",
            "SELECT id FROM fields.footprints WHERE 1 = CONTAINS(centre, cone) AND id < 3",
            "SELECT id FROM fields.footprints WHERE 1 = CONTAINS(fp, CIRCLE('ICRS', 10.5, 20.5, 1))",
    })
    void adqlGeometryFunctionsTakeARegionAsTheShapeItIsStoredAs(String adql) throws IOException {
        assertThat(queries.run(adql, "csv").lines().toList()).containsExactly("id", "1");
    }
}

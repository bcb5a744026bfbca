package org.tapservice.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TapSchemaLoader;
import org.tapservice.core.testing.TestDatabase;
import org.tapservice.votable.ColumnMetadata;
import org.tapservice.votable.Datatype;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Geometry in a result is written as DALI 1.1 says (section 3.3): points, circles and polygons are
 * arrays of doubles in degrees, with datatype double, arraysize 2, 3 or * and xtype point, circle or
 * polygon, whether they are stored columns or computed in the select list. The values themselves
 * are checked across the ADQL corpus; these tests look at the metadata and at the text of the
 * formats a client reads.
 */
class GeometryResultsTest {


    private static TestDatabase database;
    private static HikariDataSource archive;
    private static ArchiveQueries queries;

    @BeforeAll
    static void createFixture() {
        database = TestDatabase.create();
        CorpusFixture.install(database);
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
    void storedPointCircleAndPolygonColumnsAreDaliArraysOfDoubles() throws SQLException {
        assertThat(queries.fields("SELECT p, c, poly FROM corpus.shapes"))
                .extracting(ColumnMetadata::datatype, ColumnMetadata::arraysize, ColumnMetadata::xtype, ColumnMetadata::unit)
                .containsExactly(
                        tuple(Datatype.DOUBLE, "2", "point", "deg"),
                        tuple(Datatype.DOUBLE, "3", "circle", "deg"),
                        tuple(Datatype.DOUBLE, "*", "polygon", "deg"));
    }

    @Test
    void computedGeometryIsDescribedByItsTypeAndInDegrees() throws SQLException {
        assertThat(queries.fields("SELECT POINT(ra, dec) AS a, CIRCLE(pos, 1) AS b, POLYGON(1, 2, 3, 2, 2, 3) AS c,"
                + " BOX(ra, dec, 1, 1) AS d, CENTROID(CIRCLE(pos, 1)) AS e FROM corpus.stars"))
                .extracting(ColumnMetadata::datatype, ColumnMetadata::arraysize, ColumnMetadata::xtype, ColumnMetadata::unit)
                .containsExactly(
                        tuple(Datatype.DOUBLE, "2", "point", "deg"),
                        tuple(Datatype.DOUBLE, "3", "circle", "deg"),
                        tuple(Datatype.DOUBLE, "*", "polygon", "deg"),
                        tuple(Datatype.DOUBLE, "*", "polygon", "deg"),
                        tuple(Datatype.DOUBLE, "2", "point", "deg"));
    }

    @Test
    void numbersTakenFromGeometryAreScalarDoubles() throws SQLException {
        assertThat(queries.fields("SELECT COORD1(pos) AS a, DISTANCE(pos, POINT(1, 2)) AS b, AREA(CIRCLE(pos, 1)) AS c FROM corpus.stars"))
                .extracting(ColumnMetadata::datatype, ColumnMetadata::arraysize, ColumnMetadata::xtype)
                .containsOnly(tuple(Datatype.DOUBLE, null, null));
    }

    @Test
    void aVOTableFieldOfAPointSaysDoubleTwoPointAndItsCellHoldsRaAndDecInDegrees() throws IOException {
        String votable = queries.run("SELECT id, pos FROM corpus.stars WHERE id = 4", "votable/td");

        assertThat(votable).containsPattern("<FIELD[^>]*name=\"pos\"[^>]*>")
                .containsPattern("<FIELD(?=[^>]*name=\"pos\")(?=[^>]*datatype=\"double\")(?=[^>]*arraysize=\"2\")(?=[^>]*xtype=\"point\")")
                .contains("<TD>200.0 -45.0</TD>");
    }

    @Test
    void aVOTableFieldOfACircleSaysDoubleThreeCircle() throws IOException {
        String votable = queries.run("SELECT CIRCLE(ra, dec, 0.5) AS c FROM corpus.stars WHERE id = 1", "votable/td");

        assertThat(votable)
                .containsPattern("<FIELD(?=[^>]*name=\"c\")(?=[^>]*datatype=\"double\")(?=[^>]*arraysize=\"3\")(?=[^>]*xtype=\"circle\")")
                .contains("<TD>10.0 20.0 0.5</TD>");
    }

    @Test
    void csvWritesPointsAndCirclesAsTheirDegreesSeparatedBySpaces() throws IOException {
        assertThat(queries.run("SELECT id, p, c FROM corpus.shapes ORDER BY id", "csv").lines().toList()).containsExactly(
                "id,p,c",
                "1,10.0 20.0,10.0 20.0 1.0",
                "2,200.0 -45.0,200.0 -45.0 0.5",
                "3,,");
    }

    @Test
    void csvWritesAPolygonAsItsVerticesInDegrees() throws IOException {
        List<String> lines = queries.run("SELECT poly FROM corpus.shapes WHERE id = 2", "csv").lines().toList();

        assertThat(lines).hasSize(2);
        double[] vertices = Arrays.stream(lines.get(1).split(" ")).mapToDouble(Double::parseDouble).toArray();
        // polygon vertices leave pgsphere as text of 15 significant digits in radians
        assertThat(vertices).containsExactly(new double[] {199, -46, 201, -46, 201, -44, 199, -44},
                offset(1e-9));
    }

    @Test
    void aBoxIsWrittenAsThePolygonOfItsFourCorners() throws IOException {
        List<String> lines = queries.run("SELECT BOX(POINT(0, 0), 2, 4) AS b FROM corpus.spectra WHERE id = 2", "tsv").lines().toList();

        double[] corners = Arrays.stream(lines.get(1).split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertThat(corners).containsExactly(new double[] {359, -2, 1, -2, 1, 2, 359, 2},
                offset(1e-9));
    }
}

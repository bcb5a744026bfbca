package org.tapservice.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.tapservice.api.RunningService;
import org.tapservice.api.admin.obscore.DemoObsCore;
import org.tapservice.api.admin.obscore.ObsCoreAdmin;
import org.tapservice.api.admin.publish.PgCatalog;
import org.tapservice.api.admin.publish.ReaderGrants;
import org.tapservice.api.admin.publish.TablePublisher;
import org.tapservice.api.admin.publish.TapSchemaStore;

/** ivoa.obscore over HTTP: the data model in /capabilities follows its publication; s_region answers ADQL geometry and reads as STC-S. */
class ObsCoreEndpointsTest extends RunningService {

    private static final String DATA_MODEL =
            "<dataModel ivo-id=\"ivo://ivoa.net/std/ObsCore#core-1.1\">ObsCore-1.1</dataModel>";

    @Autowired
    private DataSource dataSource;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private TransactionTemplate transactions;

    private TablePublisher publisher() {
        return new TablePublisher(new PgCatalog(jdbc), new TapSchemaStore(jdbc), transactions,
                ReaderGrants.none(jdbc));
    }

    @Test
    void capabilitiesDeclareObsCoreOnlyWhileIvoaObscoreIsPublished() throws Exception {
        new DemoObsCore(new ObsCoreAdmin(dataSource, publisher())).load();
        refreshCatalogue();
        String published = get("/capabilities").body();

        publisher().unpublish(ObsCoreAdmin.TABLE);
        refreshCatalogue();
        String unpublished = get("/capabilities").body();
        publisher().publish(ObsCoreAdmin.TABLE, ObsCoreAdmin.metadata(), "test");
        refreshCatalogue();

        assertThat(published).contains(DATA_MODEL);
        // TAPRegExt's order: interface, dataModel, language
        assertThat(published.indexOf(DATA_MODEL)).isGreaterThan(published.indexOf("</interface>"))
                .isLessThan(published.indexOf("<language>"));
        assertThat(unpublished).doesNotContain("dataModel");
    }

    @Test
    void containsAndIntersectsOnSRegionFindTheFieldsAndGiveStcsPolygons() throws Exception {
        new DemoObsCore(new ObsCoreAdmin(dataSource, publisher())).load();
        refreshCatalogue();

        HttpResponse<String> inside = get("/sync" + query("LANG", "ADQL", "RESPONSEFORMAT", "csv", "QUERY",
                "SELECT obs_id, s_region FROM ivoa.obscore WHERE 1 = CONTAINS(POINT('ICRS', 175.0, -3.0), s_region)"));
        HttpResponse<String> crossing = get("/sync" + query("LANG", "ADQL", "RESPONSEFORMAT", "csv", "QUERY",
                "SELECT count(*) AS n FROM ivoa.obscore WHERE 1 = INTERSECTS(s_region, CIRCLE('ICRS', 175.0, -3.0, 0.5))"));

        assertThat(inside.statusCode()).as(inside.body()).isEqualTo(200);
        var lines = inside.body().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("obs_id,s_region");
        assertThat(lines).hasSize(2);
        // ObsCore 1.1's s_region, an ADQL REGION: STC-S, here the four corners of the field around (175, -3)
        String region = lines.get(1).split(",", 2)[1];
        assertThat(region).matches("Polygon ICRS( -?\\d+(\\.\\d+)?){8}");
        double[] vertices = Arrays.stream(region.substring("Polygon ICRS ".length()).split(" "))
                .mapToDouble(Double::parseDouble).toArray();
        assertThat(IntStream.range(0, 4).mapToDouble(i -> vertices[2 * i]))
                .anySatisfy(ra -> assertThat(ra).isLessThan(175)).anySatisfy(ra -> assertThat(ra).isGreaterThan(175));
        assertThat(IntStream.range(0, 4).mapToDouble(i -> vertices[2 * i + 1]))
                .anySatisfy(dec -> assertThat(dec).isLessThan(-3)).anySatisfy(dec -> assertThat(dec).isGreaterThan(-3));
        assertThat(crossing.body().lines().toList().get(1)).isEqualTo("1");
    }
}

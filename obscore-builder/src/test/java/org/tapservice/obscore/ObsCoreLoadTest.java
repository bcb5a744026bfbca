package org.tapservice.obscore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tapservice.core.testing.TestDatabase;
import org.tapservice.obscore.expr.ExpressionLimits;
import org.tapservice.obscore.fits.FitsFileWriter;
import org.tapservice.obscore.load.ObsCoreTable;
import org.tapservice.obscore.mapping.ObsCoreMapping;

/** Builds on the real PostgreSQL with pg_sphere: idempotent loads, the mapping applied again, spatial search. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObsCoreLoadTest {

    private TestDatabase database;
    private ObsCoreTable table;

    @TempDir
    Path directory;

    private static final String MAPPING = """
            publisher_did: ivo://example.org/survey
            access_url: https://data.example.org/files
            collections:
              - collection: SURVEY
                files: ["**/*.fits"]
                set: {calib_level: 2, facility_name: Example Telescope}
                compute:
                  obs_id: "concat(upper(OBJECT), '-', str(EXPNUM))"
                  t_exptime: "convert(EXPTIME, 'min', 's')"
            """;

    @BeforeAll
    void database() {
        database = TestDatabase.createBare();
        table = new ObsCoreTable(database.dataSource());
    }

    @AfterAll
    void dropDatabase() {
        database.close();
    }

    private void writeImages() throws Exception {
        for (int i = 0; i < 3; i++) {
            Files.createDirectories(directory.resolve("night1"));
            FitsFileWriter.write(directory.resolve("night1/image " + i + ".fits"), new int[] {100, 100}, cards(
                    "CTYPE1", "RA---TAN", "CTYPE2", "DEC--TAN", "CRVAL1", 10.0 + i, "CRVAL2", 20.0,
                    "CRPIX1", 50.5, "CRPIX2", 50.5, "CDELT1", -0.002, "CDELT2", 0.002, "OBJECT", "field" + i,
                    "EXPNUM", i, "EXPTIME", 2.5, "DATE-OBS", "2020-01-0" + (i + 1) + "T00:00:00"));
        }
    }

    private static Map<String, Object> cards(Object... pairs) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private BuildReport build(String mapping) {
        return new ObsCoreBuilder(ObsCoreMapping.parse(mapping, "test", ExpressionLimits.DEFAULT), name -> null)
                .build(directory, table);
    }

    private List<List<Object>> query(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            var result = new ArrayList<List<Object>>();
            while (rows.next()) {
                var row = new ArrayList<Object>();
                for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                    row.add(rows.getObject(c));
                }
                result.add(row);
            }
            return result;
        }
    }

    @Test
    void buildingTwiceUpdatesTheRowsAndNeverDuplicatesThem() throws Exception {
        writeImages();
        Files.writeString(directory.resolve("night1/notes.fits"), "not FITS at all");

        BuildReport first = build(MAPPING);
        BuildReport second = build(MAPPING.replace("Example Telescope", "Renamed Telescope"));

        assertThat(first.loaded()).isEqualTo(3);
        assertThat(first.files()).filteredOn(f -> f.skipped().isPresent()).singleElement()
                .satisfies(f -> assertThat(f.skipped().get()).contains("notes.fits"));
        assertThat(second.loaded()).isEqualTo(3);
        assertThat(query("SELECT count(*), count(DISTINCT obs_publisher_did) FROM ivoa.obscore"))
                .containsExactly(List.of(3L, 3L));
        assertThat(query("SELECT DISTINCT facility_name FROM ivoa.obscore")).containsExactly(List.of("Renamed Telescope"));
        assertThat(query("SELECT obs_id, obs_collection, obs_publisher_did, access_url, t_exptime, calib_level "
                + "FROM ivoa.obscore WHERE obs_id = 'FIELD1-1'")).containsExactly(List.of("FIELD1-1", "SURVEY",
                "ivo://example.org/survey?night1/image 1.fits", "https://data.example.org/files/night1/image%201.fits",
                150.0, 2));
    }

    @Test
    void theMappingAppliedAgainRewritesRowsFromTheStoredHeadersWithoutTheFiles() throws Exception {
        writeImages();
        build(MAPPING);
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }

        BuildReport again = new ObsCoreBuilder(ObsCoreMapping.parse(MAPPING
                .replace("ivo://example.org/survey", "ivo://example.org/renamed")
                .replace("calib_level: 2", "calib_level: 3"), "test", ExpressionLimits.DEFAULT), name -> null)
                .reapply(table);

        assertThat(again.loaded()).isEqualTo(3);
        assertThat(query("SELECT count(*), min(calib_level), min(obs_publisher_did) FROM ivoa.obscore"))
                .containsExactly(List.of(3L, 3, "ivo://example.org/renamed?night1/image 0.fits"));
    }

    @Test
    void aSpatialConstraintOnSRegionFindsTheFieldThroughTheGistIndex() throws Exception {
        writeImages();
        build(MAPPING);

        assertThat(query("SELECT obs_id FROM ivoa.obscore WHERE spoint(radians(11.0), radians(20.0)) @ s_region"))
                .containsExactly(List.of("FIELD1-1"));
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET enable_seqscan = off");
            try (ResultSet plan = statement.executeQuery(
                    "EXPLAIN SELECT obs_id FROM ivoa.obscore WHERE s_region && scircle(spoint(radians(11), radians(20)), radians(0.01))")) {
                var text = new StringBuilder();
                while (plan.next()) {
                    text.append(plan.getString(1)).append('\n');
                }
                assertThat(text.toString()).contains("obscore_s_region");
            }
        }
    }
}

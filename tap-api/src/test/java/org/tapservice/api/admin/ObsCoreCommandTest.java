package org.tapservice.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.tapservice.obscore.ObsCoreField;
import org.tapservice.obscore.fits.FitsFileWriter;

/** obscore build, apply-mapping and demo on the real PostgreSQL, in a throwaway database. */
class ObsCoreCommandTest {

    private static AdminHarness harness;
    private static JdbcTemplate jdbc;

    @TempDir
    Path directory;

    @BeforeAll
    static void createDatabase() {
        harness = new AdminHarness();
        jdbc = harness.jdbc();
    }

    @AfterAll
    static void dropDatabase() {
        harness.close();
    }

    private Path image(String name) throws Exception {
        Map<String, Object> cards = new LinkedHashMap<>();
        cards.put("CTYPE1", "RA---TAN");
        cards.put("CTYPE2", "DEC--TAN");
        cards.put("CRVAL1", 30.0);
        cards.put("CRVAL2", -10.0);
        cards.put("CDELT1", -0.01);
        cards.put("CDELT2", 0.01);
        cards.put("CRPIX1", 10.5);
        cards.put("CRPIX2", 10.5);
        cards.put("EXPTIME", 5.0);
        Path file = directory.resolve(name);
        FitsFileWriter.write(file, new int[] {20, 20}, cards);
        return file;
    }

    @Test
    void buildLoadsTheRowsPublishesTheTableWithTheStandardsMetadataAndReportsFieldsLeftNull() throws Exception {
        image("a.fits");
        Path mapping = directory.resolve("mapping.yaml");
        Files.writeString(mapping, "collections: [{collection: TEST, files: ['*.fits'], set: {calib_level: 1}}]");

        AdminHarness.Result first = harness.run("obscore", "build", directory.toString(), "--mapping", mapping.toString());
        AdminHarness.Result second = harness.run("obscore", "build", directory.toString(), "--mapping", mapping.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("1 row(s) loaded").contains("published ivoa.obscore");
        assertThat(first.err()).contains("a.fits:").contains("target_name: no OBJECT or TARGNAME keyword");
        assertThat(second.exitCode()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ivoa.obscore WHERE obs_collection = 'TEST'", Long.class))
                .isEqualTo(1);
        for (ObsCoreField field : ObsCoreField.values()) {
            assertThat(jdbc.queryForList("SELECT ucd, utype, unit, std FROM tap_schema.columns "
                    + "WHERE table_name = 'ivoa.obscore' AND column_name = ?", field.column()))
                    .as(field.column()).containsExactly(row(field));
        }
        assertThat(jdbc.queryForList("SELECT datatype, arraysize, xtype FROM tap_schema.columns "
                + "WHERE table_name = 'ivoa.obscore' AND column_name = 's_region'"))
                .containsExactly(Map.of("datatype", "char", "arraysize", "*", "xtype", "adql:REGION"));
    }

    private static Map<String, Object> row(ObsCoreField field) {
        var expected = new LinkedHashMap<String, Object>();
        expected.put("ucd", field.ucd());
        expected.put("utype", field.utype());
        expected.put("unit", field.unit().orElse(null));
        expected.put("std", 1);
        return expected;
    }

    @Test
    void aHostileMappingIsRefusedBeforeAnyFileIsRead() throws Exception {
        Path mapping = directory.resolve("hostile.yaml");
        Files.writeString(mapping, "collections: [{collection: X, compute: {obs_id: \"readFile('/etc/passwd')\"}}]");

        AdminHarness.Result result = harness.run("obscore", "build", directory.toString(), "--mapping", mapping.toString());

        assertThat(result.exitCode()).isEqualTo(AdminApplication.FAILED);
        assertThat(result.err()).contains("compute: obs_id").contains("no function 'readFile'")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMissingDirectoryIsAClearError() {
        AdminHarness.Result result = harness.run("obscore", "build", directory.resolve("nowhere").toString());

        assertThat(result.exitCode()).isEqualTo(AdminApplication.FAILED);
        assertThat(result.err()).contains("nowhere").contains("is not a directory");
    }

    @Test
    void demoPublishesImagesAndSpectraWithEveryRequiredField() {
        AdminHarness.Result result = harness.run("obscore", "demo");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(jdbc.queryForList("SELECT DISTINCT dataproduct_type FROM ivoa.obscore "
                + "WHERE obs_collection LIKE 'DEMO-%' ORDER BY 1", String.class)).isEqualTo(List.of("image", "spectrum"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ivoa.obscore WHERE obs_collection LIKE 'DEMO-%' "
                + "AND (em_min IS NULL OR t_min IS NULL OR s_ra IS NULL)", Long.class)).isZero();
    }
}

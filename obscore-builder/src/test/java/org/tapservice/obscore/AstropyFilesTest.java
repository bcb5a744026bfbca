package org.tapservice.obscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tapservice.obscore.derive.DataFile;
import org.tapservice.obscore.fits.FitsHeaderReader;
import org.tapservice.obscore.fits.ObservationHeader;
import org.tapservice.obscore.mapping.ObsCoreMapping;
import org.tapservice.obscore.wcs.SkyPolygon;
import org.tapservice.obscore.wcs.SkyPosition;

/**
 * Real FITS files, those Debian's python3-astropy ships for its own tests (HST ACS, a
 * tile-compressed FK4 SIN image, TAN and SIN primaries, a Palomar header), built into ObsCore rows and
 * checked field by field against what astropy reads from the same files.
 */
class AstropyFilesTest {


    /** calib_level is the one NOT NULL field no header states: the publisher's mapping gives it. */
    private final ObsCoreBuilder builder = new ObsCoreBuilder(ObsCoreMapping.parse("""
            collections:
              - collection: astropy
                set: {calib_level: 1}
            """, "test mapping", org.tapservice.obscore.expr.ExpressionLimits.DEFAULT), name -> null);
    private final ObsCoreBuilder withoutMapping = new ObsCoreBuilder(ObsCoreMapping.NONE, name -> null);

    @BeforeAll
    static void astropyIsInstalled() {
        AstropyOracle.assumeAvailable();
    }

    /**
     * Two implementations of the same projection agree within 1e-7 degrees, far below a pixel;
     * comp.fits (tile-compressed, SIN) and checksum.fits (SIN) are FK4 B1950, and two conversions
     * to ICRS agree within 0.1 arcsec (2.8e-5 degrees).
     */
    @ParameterizedTest
    @CsvSource({"wcs/tests/data/j94f05bgq_flt.fits, 1e-7", "io/fits/tests/data/scale.fits, 1e-7",
            "wcs/tests/data/header_newlines.fits, 1e-7", "io/fits/tests/data/comp.fits, 2.8e-5",
            "io/fits/tests/data/checksum.fits, 2.8e-5"})
    void imagesWithACelestialWcsGetTheirFootprintCentreAndKeywords(String name, double tolerance) throws Exception {
        Path file = AstropyOracle.DATA.resolve(name);
        ObservationHeader header = new FitsHeaderReader().read(file);
        AstropyOracle astropy = AstropyOracle.of(file, header.hduIndex());
        FileReport report = builder.derive(header, new DataFile(file.getFileName().toString(), Files.size(file)), "astropy");

        assertThat(report.skipped()).as("skipped: %s", report).isEmpty();
        ObsCoreRow row = report.row().orElseThrow();
        assertThat(row.get(ObsCoreField.DATAPRODUCT_TYPE)).contains("image");
        assertThat((double) row.get(ObsCoreField.S_RA).orElseThrow()).isCloseTo(astropy.centre()[0], within(tolerance));
        assertThat((double) row.get(ObsCoreField.S_DEC).orElseThrow()).isCloseTo(astropy.centre()[1], within(tolerance));
        assertThat(row.get(ObsCoreField.S_XEL1)).contains(astropy.size()[0]);
        assertThat(row.get(ObsCoreField.S_XEL2)).contains(astropy.size()[1]);

        SkyPolygon region = (SkyPolygon) row.get(ObsCoreField.S_REGION).orElseThrow();
        List<SkyPosition> expected = astropy.corners().stream().map(c -> new SkyPosition(c[0], c[1])).toList();
        assertThat(region.vertices()).hasSize(4);
        for (SkyPosition corner : expected) {
            assertThat(region.vertices()).anySatisfy(vertex ->
                    assertThat(vertex.separation(corner)).isLessThan(tolerance));
        }
        assertThat((double) row.get(ObsCoreField.S_FOV).orElseThrow())
                .isCloseTo(new SkyPolygon(expected).diameter(), within(tolerance));

        assertThat(row.get(ObsCoreField.FACILITY_NAME)).isEqualTo(java.util.Optional.ofNullable(astropy.keywords().get("TELESCOP")));
        assertThat(row.get(ObsCoreField.INSTRUMENT_NAME)).isEqualTo(java.util.Optional.ofNullable(astropy.keywords().get("INSTRUME")));
        assertThat(row.get(ObsCoreField.TARGET_NAME)).isEqualTo(java.util.Optional.ofNullable(
                astropy.keywords().getOrDefault("OBJECT", astropy.keywords().get("TARGNAME"))));
        if (astropy.keywords().containsKey("EXPTIME")) {
            assertThat((double) row.get(ObsCoreField.T_EXPTIME).orElseThrow())
                    .isEqualTo(Double.parseDouble(astropy.keywords().get("EXPTIME")));
        } else {
            assertThat(report.reasonFor(ObsCoreField.T_EXPTIME)).hasValueSatisfying(r -> assertThat(r).contains("EXPTIME"));
        }
        if (astropy.mjdObs() != null) {
            assertThat((double) row.get(ObsCoreField.T_MIN).orElseThrow()).isCloseTo(astropy.mjdObs(), within(1e-8));
        } else {
            assertThat(report.reasonFor(ObsCoreField.T_MIN)).hasValueSatisfying(r -> assertThat(r).contains("DATE-OBS"));
        }
        assertThat(row.get(ObsCoreField.ACCESS_ESTSIZE)).contains((Files.size(file) + 999) / 1000);
        assertThat(row.get(ObsCoreField.ACCESS_FORMAT)).contains("application/fits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"io/fits/tests/data/test0.fits", "io/fits/tests/data/o4sp040b0_raw.fits"})
    void filesWithoutACelestialWcsSayWhyTheirPositionIsMissing(String name) throws Exception {
        Path file = AstropyOracle.DATA.resolve(name);
        ObservationHeader header = new FitsHeaderReader().read(file);
        AstropyOracle astropy = AstropyOracle.of(file, header.hduIndex());
        FileReport report = builder.derive(header, new DataFile(name, Files.size(file)), "astropy");

        assertThat(report.reasonFor(ObsCoreField.S_REGION)).hasValueSatisfying(reason ->
                assertThat(reason).containsAnyOf("RA---xxx", "CTYPE"));
        ObsCoreRow row = report.row().orElseThrow();
        assertThat((double) row.get(ObsCoreField.T_MIN).orElseThrow()).isCloseTo(astropy.mjdObs(), within(1e-8));
        assertThat(row.get(ObsCoreField.INSTRUMENT_NAME)).isEqualTo(java.util.Optional.ofNullable(astropy.keywords().get("INSTRUME")));

        FileReport unmapped = withoutMapping.derive(header, new DataFile(name, Files.size(file)), "astropy");
        assertThat(unmapped.reasonFor(ObsCoreField.CALIB_LEVEL)).isPresent();
        assertThat(unmapped.skipped()).hasValueSatisfying(reason -> assertThat(reason).contains("calib_level"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"io/fits/tests/data/table.fits", "io/fits/tests/data/ascii.fits"})
    void tablesAreReportedAsNeedingTheirProductTypeFromTheMapping(String name) throws Exception {
        Path file = AstropyOracle.DATA.resolve(name);
        FileReport report = builder.derive(new FitsHeaderReader().read(file), new DataFile(name, Files.size(file)), "x");

        assertThat(report.reasonFor(ObsCoreField.DATAPRODUCT_TYPE)).hasValueSatisfying(reason ->
                assertThat(reason).contains("table").contains("mapping"));
    }
}

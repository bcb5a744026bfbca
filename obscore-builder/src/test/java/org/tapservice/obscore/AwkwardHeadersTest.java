package org.tapservice.obscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tapservice.obscore.derive.DataFile;
import org.tapservice.obscore.expr.ExpressionLimits;
import org.tapservice.obscore.fits.FitsFileWriter;
import org.tapservice.obscore.fits.FitsHeaderReader;
import org.tapservice.obscore.mapping.ObsCoreMapping;
import org.tapservice.obscore.wcs.SkyPolygon;
import org.tapservice.obscore.wcs.SkyPosition;

/**
 * The non-standard headers archives really receive, written as FITS files by nom.tam.fits: each
 * either gives its field, or the report says which field is missing and why.
 */
class AwkwardHeadersTest {

    @TempDir
    Path directory;

    private final ObsCoreBuilder builder = new ObsCoreBuilder(ObsCoreMapping.parse("""
            collections:
              - collection: awkward
                set: {calib_level: 2}
            """, "test", ExpressionLimits.DEFAULT), name -> null);

    private FileReport build(String name, int[] shape, Map<String, Object> cards) throws Exception {
        Path file = directory.resolve(name);
        FitsFileWriter.write(file, shape, cards);
        return builder.derive(new FitsHeaderReader().read(file), new DataFile(name, Files.size(file)), "awkward");
    }

    private static Map<String, Object> cards(Object... pairs) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void aLinearSpectrumWhoseUnitIsOnlyInACommentIsASpectrumInThatUnit() throws Exception {
        FileReport report = build("linear.fits", new int[] {1000}, cards(
                "CTYPE1", "LINEAR", "CRVAL1", "4000.0 / Angstroms", "CDELT1", "2.0 / Angstroms per pixel",
                "CRPIX1", 1.0, "OBJECT", "HD 1234", "DATE-OBS", "2019-03-04T05:06:07", "EXPTIME", 600.0));

        ObsCoreRow row = report.row().orElseThrow();
        assertThat(row.get(ObsCoreField.DATAPRODUCT_TYPE)).contains("spectrum");
        // pixel edges: 4000 - 0.5 * 2 to 4000 + 999.5 * 2 Angstrom
        assertThat((double) row.get(ObsCoreField.EM_MIN).orElseThrow()).isCloseTo(3999e-10, within(1e-16));
        assertThat((double) row.get(ObsCoreField.EM_MAX).orElseThrow()).isCloseTo(5999e-10, within(1e-16));
        assertThat(row.get(ObsCoreField.EM_XEL)).contains(1000L);
        assertThat(row.get(ObsCoreField.TARGET_NAME)).contains("HD 1234");
        assertThat((double) row.get(ObsCoreField.T_MAX).orElseThrow() - (double) row.get(ObsCoreField.T_MIN).orElseThrow())
                .isCloseTo(600 / 86400.0, within(1e-9));
    }

    @Test
    void waveWithoutCunitInAngstromValuesIsReportedNotLoadedAsKilometres() throws Exception {
        FileReport report = build("wave.fits", new int[] {500}, cards(
                "CTYPE1", "WAVE", "CRVAL1", 5000.0, "CDELT1", 1.0, "CRPIX1", 1.0));

        assertThat(report.row().orElseThrow().get(ObsCoreField.EM_MIN)).isEmpty();
        assertThat(report.reasonFor(ObsCoreField.EM_MIN)).hasValueSatisfying(reason ->
                assertThat(reason).contains("no electromagnetic wavelength").contains("CUNIT1"));
    }

    @Test
    void waveWithoutCunitIsFixedByADefaultInTheMapping() throws Exception {
        Path file = directory.resolve("wave.fits");
        FitsFileWriter.write(file, new int[] {500}, cards("CTYPE1", "WAVE", "CRVAL1", 5000.0, "CDELT1", 1.0, "CRPIX1", 1.0));
        var mapped = new ObsCoreBuilder(ObsCoreMapping.parse("""
                collections:
                  - collection: spectra
                    defaults: {CUNIT1: Angstrom}
                    set: {calib_level: 2}
                """, "test", ExpressionLimits.DEFAULT), name -> null);

        ObsCoreRow row = mapped.derive(new FitsHeaderReader().read(file), new DataFile("wave.fits", Files.size(file)), "x")
                .row().orElseThrow();

        assertThat((double) row.get(ObsCoreField.EM_MIN).orElseThrow()).isCloseTo(4999.5e-10, within(1e-16));
        assertThat((double) row.get(ObsCoreField.EM_MAX).orElseThrow()).isCloseTo(5499.5e-10, within(1e-16));
    }

    @Test
    void aTanImageWithoutEquinoxOrRadesysIsIcrsAsTheFitsStandardSays() throws Exception {
        FileReport report = build("noequinox.fits", new int[] {200, 100}, cards(
                "CTYPE1", "RA---TAN", "CTYPE2", "DEC--TAN", "CRVAL1", 150.0, "CRVAL2", 2.0,
                "CRPIX1", 100.5, "CRPIX2", 50.5, "CDELT1", -0.001, "CDELT2", 0.001, "FILTER", "V"));

        ObsCoreRow row = report.row().orElseThrow();
        assertThat((double) row.get(ObsCoreField.S_RA).orElseThrow()).isCloseTo(150.0, within(1e-9));
        assertThat((double) row.get(ObsCoreField.S_DEC).orElseThrow()).isCloseTo(2.0, within(1e-9));
        SkyPolygon region = (SkyPolygon) row.get(ObsCoreField.S_REGION).orElseThrow();
        List<SkyPosition> vertices = region.vertices();
        assertThat(vertices).hasSize(4);
        // DALI's counter-clockwise order: south-west (west is the smaller ra), south-east, north-east, north-west
        int southWest = 0;
        for (int i = 1; i < 4; i++) {
            SkyPosition v = vertices.get(i);
            SkyPosition best = vertices.get(southWest);
            if (v.dec() < best.dec() - 1e-6 || (Math.abs(v.dec() - best.dec()) <= 1e-6 && v.ra() < best.ra())) {
                southWest = i;
            }
        }
        SkyPosition southEast = vertices.get((southWest + 1) % 4);
        assertThat(southEast.ra()).isGreaterThan(vertices.get(southWest).ra());
        assertThat(southEast.dec()).isCloseTo(vertices.get(southWest).dec(), within(1e-4));
        assertThat((double) row.get(ObsCoreField.S_FOV).orElseThrow()).isCloseTo(Math.hypot(0.2, 0.1), within(1e-4));
        assertThat(row.get(ObsCoreField.EM_MIN)).isPresent();
        assertThat(row.get(ObsCoreField.DATAPRODUCT_TYPE)).contains("image");
    }

    @Test
    void cdeltWithCrota2RotatesTheFootprint() throws Exception {
        FileReport rotated = build("crota.fits", new int[] {100, 100}, cards(
                "CTYPE1", "RA---TAN", "CTYPE2", "DEC--TAN", "CRVAL1", 10.0, "CRVAL2", 0.0,
                "CRPIX1", 50.5, "CRPIX2", 50.5, "CDELT1", -0.01, "CDELT2", 0.01, "CROTA2", 45.0,
                "RADESYS", "ICRS"));
        FileReport cd = build("cd.fits", new int[] {100, 100}, cards(
                "CTYPE1", "RA---TAN", "CTYPE2", "DEC--TAN", "CRVAL1", 10.0, "CRVAL2", 0.0,
                "CRPIX1", 50.5, "CRPIX2", 50.5, "RADESYS", "ICRS",
                "CD1_1", -0.01 * Math.cos(Math.PI / 4), "CD1_2", -0.01 * Math.sin(Math.PI / 4),
                "CD2_1", -0.01 * Math.sin(Math.PI / 4), "CD2_2", 0.01 * Math.cos(Math.PI / 4)));

        SkyPolygon a = (SkyPolygon) rotated.row().orElseThrow().get(ObsCoreField.S_REGION).orElseThrow();
        SkyPolygon b = (SkyPolygon) cd.row().orElseThrow().get(ObsCoreField.S_REGION).orElseThrow();
        for (SkyPosition vertex : a.vertices()) {
            assertThat(b.vertices()).anySatisfy(other -> assertThat(other.separation(vertex)).isLessThan(1e-9));
        }
        // rotated by 45 degrees, the corners lie due north, south, east and west of the centre
        assertThat(a.vertices()).anySatisfy(v -> assertThat(v.ra()).isCloseTo(10.0, within(1e-6)));
    }

    @Test
    void anFk5FieldAtAnotherEquinoxIsReportedNotGuessed() throws Exception {
        FileReport report = build("b1950.fits", new int[] {10, 10}, cards(
                "CTYPE1", "RA---TAN", "CTYPE2", "DEC--TAN", "CRVAL1", 10.0, "CRVAL2", 10.0,
                "CDELT1", -0.01, "CDELT2", 0.01, "RADESYS", "FK5", "EQUINOX", 1975.0));

        assertThat(report.reasonFor(ObsCoreField.S_REGION)).hasValueSatisfying(reason ->
                assertThat(reason).contains("FK5").contains("1975"));
    }

    @Test
    void anUnknownProjectionIsReportedWithItsCode() throws Exception {
        FileReport report = build("ait.fits", new int[] {10, 10}, cards(
                "CTYPE1", "RA---AIT", "CTYPE2", "DEC--AIT", "CRVAL1", 0.0, "CRVAL2", 0.0,
                "CDELT1", -1.0, "CDELT2", 1.0));

        assertThat(report.reasonFor(ObsCoreField.S_RA)).hasValueSatisfying(reason ->
                assertThat(reason).contains("AIT").contains("TAN, SIN, ARC"));
    }

    @Test
    void aSinImageMatchesAstropysReadingOfTheSameFile() throws Exception {
        AstropyOracle.assumeAvailable();
        Path file = directory.resolve("sin.fits");
        FitsFileWriter.write(file, new int[] {300, 200}, cards(
                "CTYPE1", "RA---SIN", "CTYPE2", "DEC--SIN", "CRVAL1", 83.6, "CRVAL2", -5.4,
                "CRPIX1", 120.0, "CRPIX2", 80.0, "RADESYS", "ICRS",
                "PC1_1", 0.9, "PC1_2", -0.2, "PC2_1", 0.25, "PC2_2", 0.95, "CDELT1", -0.01, "CDELT2", 0.01));
        AstropyOracle astropy = AstropyOracle.of(file, 0);

        ObsCoreRow row = builder.derive(new FitsHeaderReader().read(file), new DataFile("sin.fits", Files.size(file)), "x")
                .row().orElseThrow();

        assertThat((double) row.get(ObsCoreField.S_RA).orElseThrow()).isCloseTo(astropy.centre()[0], within(1e-9));
        assertThat((double) row.get(ObsCoreField.S_DEC).orElseThrow()).isCloseTo(astropy.centre()[1], within(1e-9));
        SkyPolygon region = (SkyPolygon) row.get(ObsCoreField.S_REGION).orElseThrow();
        for (double[] corner : astropy.corners()) {
            assertThat(region.vertices()).anySatisfy(v ->
                    assertThat(v.separation(new SkyPosition(corner[0], corner[1]))).isLessThan(1e-9));
        }
    }

    @Test
    void aFileNoCollectionEntryMatchesIsSkippedSayingSo() throws Exception {
        Path file = directory.resolve("stray.fits");
        FitsFileWriter.write(file, new int[] {10}, cards("OBJECT", "x"));
        var mapped = new ObsCoreBuilder(ObsCoreMapping.parse("""
                collections:
                  - collection: ONLY-IMAGES
                    files: ["images/*.fits"]
                """, "test", ExpressionLimits.DEFAULT), name -> null);

        FileReport report = mapped.derive(new FitsHeaderReader().read(file), new DataFile("stray.fits", Files.size(file)), "x");

        assertThat(report.skipped()).contains("no collection entry of the mapping matches this file");
    }
}


package org.tapservice.api.admin.obscore;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.tapservice.api.admin.AdminException;
import org.tapservice.obscore.fits.FitsFileWriter;

/**
 * The demo ObsCore collection: a few synthetic FITS files written for it (TAN images in two
 * filters over the sky of demo.stars, and spectra whose CTYPE1 is 'WAVE' without CUNIT1, fixed
 * by the demo mapping), built and published by the builder as any collection would be.
 */
public final class DemoObsCore {

    private static final String MAPPING = "demo/obscore-mapping.yaml";
    private static final int IMAGES = 8;
    private static final int SPECTRA = 4;

    private final ObsCoreAdmin admin;

    public DemoObsCore(ObsCoreAdmin admin) {
        this.admin = requireNonNull(admin, "admin is null");
    }

    public ObsCoreAdmin.Outcome load() {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("obscore-demo");
            writeFiles(directory);
            Path mapping = directory.resolve("mapping.yaml");
            try (InputStream in = DemoObsCore.class.getClassLoader().getResourceAsStream(MAPPING)) {
                if (in == null) {
                    throw new IllegalStateException(MAPPING + " is missing from the class path");
                }
                Files.copy(in, mapping);
            }
            return admin.build(directory, Optional.of(mapping));
        } catch (IOException e) {
            throw new AdminException("writing the demo FITS files failed: " + e.getMessage(), e);
        } finally {
            delete(directory);
        }
    }

    private static void writeFiles(Path directory) throws IOException {
        Files.createDirectories(directory.resolve("images"));
        Files.createDirectories(directory.resolve("spectra"));
        for (int i = 0; i < IMAGES; i++) {
            var cards = new LinkedHashMap<String, Object>();
            cards.put("CTYPE1", "RA---TAN");
            cards.put("CTYPE2", "DEC--TAN");
            cards.put("CRVAL1", 175.0 + 1.5 * i);
            cards.put("CRVAL2", -3.0 + 0.8 * i);
            cards.put("CRPIX1", 128.5);
            cards.put("CRPIX2", 128.5);
            cards.put("CD1_1", -0.002);
            cards.put("CD1_2", 0.0);
            cards.put("CD2_1", 0.0);
            cards.put("CD2_2", 0.002);
            cards.put("RADESYS", "ICRS");
            cards.put("OBJECT", "Demo field " + (i + 1));
            cards.put("TELESCOP", "Demo 1m");
            cards.put("INSTRUME", "DemoCam");
            cards.put("FILTER", i % 2 == 0 ? "V" : "R");
            cards.put("BUNIT", "adu");
            cards.put("DATE-OBS", "2024-03-%02dT21:%02d:00".formatted(i + 1, 10 + i));
            cards.put("EXPTIME", 120.0 + 30 * i);
            cards.put("SEEING", 1.2 + 0.1 * i);
            FitsFileWriter.write(directory.resolve("images/img%03d.fits".formatted(i + 1)), new int[] {256, 256}, cards);
        }
        for (int i = 0; i < SPECTRA; i++) {
            Map<String, Object> cards = new LinkedHashMap<>();
            cards.put("CTYPE1", "WAVE");
            cards.put("CRVAL1", 3800.0 + 100 * i);
            cards.put("CDELT1", 2.5);
            cards.put("CRPIX1", 1.0);
            cards.put("RA", 176.0 + 2 * i);
            cards.put("DEC", -2.0 + i);
            cards.put("OBJECT", "Demo star " + (i + 1));
            cards.put("TELESCOP", "Demo 1m");
            cards.put("INSTRUME", "DemoSpec");
            cards.put("EXPNUM", 100 + i);
            cards.put("DATE-OBS", "2024-04-%02dT02:00:00".formatted(i + 1));
            cards.put("EXPTIME", 900.0);
            cards.put("SPECRES", 2000.0);
            FitsFileWriter.write(directory.resolve("spectra/spec%03d.fits".formatted(i + 1)), new int[] {1600}, cards);
        }
    }

    private static void delete(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

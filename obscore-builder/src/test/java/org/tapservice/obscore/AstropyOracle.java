package org.tapservice.obscore;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What astropy, written by others, makes of a FITS file (src/test/python/wcs_oracle.py): the
 * independent answer the builder's fields are checked against.
 */
record AstropyOracle(Map<String, String> keywords, Double mjdObs, double[] centre, List<double[]> corners,
        long[] size) {

    static final Path DATA = Path.of("/usr/lib/python3/dist-packages/astropy");
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    /** Skips the calling test, saying why, where Debian's python3-astropy is not installed. */
    static void assumeAvailable() {
        assumeTrue(Files.isExecutable(PYTHON) && Files.isDirectory(DATA.resolve("io/fits/tests/data")),
                "python3-astropy is not installed (apt-get install python3-astropy): its FITS test files "
                        + "and its WCS are what this test compares with");
    }

    static AstropyOracle of(Path file, int hdu) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON.toString(), "src/test/python/wcs_oracle.py", file.toString(),
                Integer.toString(hdu)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError("the astropy oracle failed on " + file + ":\n" + output);
        }
        var keywords = new HashMap<String, String>();
        Double mjd = null;
        double[] centre = null;
        long[] size = null;
        var corners = new ArrayList<double[]>();
        for (String line : output.lines().toList()) {
            String[] words = line.split(" ", 3);
            switch (words[0]) {
                case "keyword" -> keywords.put(words[1], words.length > 2 ? words[2] : "");
                case "mjd_obs" -> mjd = Double.parseDouble(words[1]);
                case "size" -> size = new long[] {Long.parseLong(words[1]), Long.parseLong(words[2])};
                case "centre" -> centre = new double[] {Double.parseDouble(words[1]), Double.parseDouble(words[2])};
                case "corner" -> corners.add(new double[] {Double.parseDouble(words[1]), Double.parseDouble(words[2])});
                default -> throw new AssertionError("unexpected oracle output: " + line);
            }
        }
        return new AstropyOracle(Map.copyOf(keywords), mjd, centre, List.copyOf(corners), size);
    }
}

package org.tapservice.capacity;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tapservice.cluster.Checkout;

/**
 * A large result streamed by the service against psql's {@code \copy} of the same rows, as
 * {@code bench/stream-vs-psql.sh} measures it: the report runs the script (one format) and reads
 * its lines back, so the method is the script's alone.
 *
 * @param rows           rows of demo.stars in each
 * @param format         the service's RESPONSEFORMAT
 * @param psqlSeconds    psql's {@code \copy ... TO '/dev/null'}, its cache warmed first
 * @param serviceSeconds the service's download of the same rows in {@code format}, with curl
 * @param megabytes      the size of the service's answer
 */
record StreamVsPsql(int rows, String format, double psqlSeconds, double serviceSeconds, long megabytes) {

    private static final Path SCRIPT = Checkout.resolve("bench/stream-vs-psql.sh");
    private static final Pattern LINE = Pattern.compile("(?m)^(.+?)\\s+([0-9.]+) s\\s+[0-9]+ rows/s.*?(?:\\s([0-9]+) MB\\s+[0-9.]+x psql time.*)?$");

    /** How many times {@link #median} runs the script. */
    static final int RUNS = 3;

    /**
     * Runs the script {@link #RUNS} times and answers the run of the median ratio: one run
     * varies by a tenth or more with what the JIT has compiled and what else the two cores do.
     * The transcripts follow each other in {@code transcript}.
     */
    static StreamVsPsql median(URI instanceUrl, int rows, String format, Path transcript)
            throws IOException, InterruptedException {
        List<StreamVsPsql> runs = new ArrayList<>();
        Files.deleteIfExists(transcript);
        for (int run = 0; run < RUNS; run++) {
            runs.add(run(instanceUrl, rows, format, transcript));
        }
        return median(runs);
    }

    static StreamVsPsql median(List<StreamVsPsql> runs) {
        List<StreamVsPsql> sorted = runs.stream().sorted(Comparator.comparingDouble(StreamVsPsql::ratio)).toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Runs the script against the instance; its output is added to {@code transcript}. */
    static StreamVsPsql run(URI instanceUrl, int rows, String format, Path transcript)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().put("TAP_URL", instanceUrl.toString());
        builder.environment().put("ROWS", String.valueOf(rows));
        builder.environment().put("FORMATS", format);
        Process script = builder.start();
        String output = new String(script.getInputStream().readAllBytes());
        Files.writeString(transcript, output, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (!script.waitFor(30, TimeUnit.MINUTES) || script.exitValue() != 0) {
            throw new IllegalStateException(SCRIPT + " failed: " + output);
        }
        return parse(output, rows, format);
    }

    /** Reads the script's lines: {@code psql \copy  S s  R rows/s ...}, then the format's. */
    static StreamVsPsql parse(String output, int rows, String format) {
        double psql = Double.NaN;
        double service = Double.NaN;
        long megabytes = -1;
        Matcher line = LINE.matcher(output);
        while (line.find()) {
            String label = line.group(1).strip();
            if (label.equals("psql \\copy")) {
                psql = Double.parseDouble(line.group(2));
            } else if (label.equals(format) && line.group(3) != null) {
                service = Double.parseDouble(line.group(2));
                megabytes = Long.parseLong(line.group(3));
            }
        }
        if (Double.isNaN(psql) || Double.isNaN(service)) {
            throw new IllegalStateException("no psql and " + format + " timings in the output of " + SCRIPT + ": "
                    + output);
        }
        return new StreamVsPsql(rows, format, psql, service, megabytes);
    }

    /** The service's rows per second over psql's: 1 or more is psql's rate or better. */
    double ratio() {
        return psqlSeconds / serviceSeconds;
    }
}

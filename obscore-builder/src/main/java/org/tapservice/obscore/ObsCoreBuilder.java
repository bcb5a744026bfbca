package org.tapservice.obscore;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.tapservice.obscore.derive.DataFile;
import org.tapservice.obscore.derive.FilterBands;
import org.tapservice.obscore.derive.HeaderDeriver;
import org.tapservice.obscore.expr.CompiledExpression;
import org.tapservice.obscore.expr.ExpressionException;
import org.tapservice.obscore.fits.FitsHeader;
import org.tapservice.obscore.fits.FitsHeaderReader;
import org.tapservice.obscore.fits.FitsReadException;
import org.tapservice.obscore.fits.ObservationHeader;
import org.tapservice.obscore.load.ObsCoreTable;
import org.tapservice.obscore.load.SourceRecord;
import org.tapservice.obscore.mapping.FieldValues;
import org.tapservice.obscore.mapping.MappingRule;
import org.tapservice.obscore.mapping.ObsCoreMapping;

/**
 * The builder: walks a directory of FITS files, reads each one's headers, derives its ObsCore
 * row with the mapping applied, and loads the rows into ivoa.obscore. A file that cannot be read
 * or lacks a NOT NULL field is reported and skipped; a field that cannot be derived is reported
 * and left NULL. Nothing stops the build but a database failure.
 * <p>
 * Precedence, from lowest: what the header gives (after the mapping's defaults fill missing
 * keywords), then {@code compute}, then {@code environment}, then {@code set}.
 */
public final class ObsCoreBuilder {

    private static final int BATCH = 200;
    private static final String DEFAULT_AUTHORITY = "ivo://tapservice.invalid/";

    private final ObsCoreMapping mapping;
    private final UnaryOperator<String> environment;
    private final HeaderDeriver deriver;
    private final FitsHeaderReader reader;

    /** {@code environment} gives a variable's value or null (System::getenv on a server). */
    public ObsCoreBuilder(ObsCoreMapping mapping, UnaryOperator<String> environment) {
        this.mapping = requireNonNull(mapping, "mapping is null");
        this.environment = requireNonNull(environment, "environment is null");
        this.deriver = new HeaderDeriver(FilterBands.STANDARD);
        this.reader = new FitsHeaderReader();
    }

    /** Builds the rows of every FITS file under {@code directory} and loads them. */
    public BuildReport build(Path directory, ObsCoreTable table) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + " is not a directory");
        }
        String defaultCollection = Optional.ofNullable(directory.toAbsolutePath().normalize().getFileName())
                .map(Path::toString).orElse("default");
        table.create();
        var reports = new ArrayList<FileReport>();
        var batch = new ArrayList<SourceRecord>();
        int loaded = 0;
        for (Path file : fitsFiles(directory)) {
            String relative = relativePath(directory, file);
            ObservationHeader header;
            long bytes;
            try {
                bytes = Files.size(file);
                header = reader.read(file);
            } catch (FitsReadException e) {
                reports.add(FileReport.skipped(relative, e.getMessage()));
                continue;
            } catch (IOException e) {
                reports.add(FileReport.skipped(relative, "cannot read: " + e.getMessage()));
                continue;
            }
            var dataFile = new DataFile(relative, bytes);
            FileReport report = derive(header, dataFile, defaultCollection);
            reports.add(report);
            if (report.row().isPresent()) {
                batch.add(new SourceRecord(dataFile, header.stored(), report.row().get()));
                if (batch.size() == BATCH) {
                    loaded += table.upsert(batch);
                    batch.clear();
                }
            }
        }
        loaded += table.upsert(batch);
        return new BuildReport(reports, loaded);
    }

    /**
     * Applies this builder's mapping again to every row built before, from the headers stored
     * with them: the files need not be there any more.
     */
    public BuildReport reapply(ObsCoreTable table) {
        table.create();
        var reports = new ArrayList<FileReport>();
        var batch = new ArrayList<SourceRecord>();
        int[] loaded = {0};
        table.forEachSource((dataFile, collection, stored) -> {
            ObservationHeader header;
            try {
                header = FitsHeaderReader.restore(stored);
            } catch (FitsReadException e) {
                reports.add(FileReport.skipped(dataFile.relativePath(), e.getMessage()));
                return;
            }
            FileReport report = derive(header, dataFile, collection);
            reports.add(report);
            report.row().ifPresent(row -> batch.add(new SourceRecord(dataFile, stored, row)));
            if (batch.size() == BATCH) {
                loaded[0] += table.upsert(batch);
                batch.clear();
            }
        });
        loaded[0] += table.upsert(batch);
        return new BuildReport(reports, loaded[0]);
    }

    /** The row of one data set, with the mapping applied; the Java API for one file. */
    public FileReport derive(ObservationHeader observation, DataFile file, String defaultCollection) {
        Optional<MappingRule> matched = mapping.rules().isEmpty()
                ? Optional.of(MappingRule.plain(defaultCollection))
                : mapping.ruleFor(file.relativePath());
        if (matched.isEmpty()) {
            return FileReport.skipped(file.relativePath(), "no collection entry of the mapping matches this file");
        }
        MappingRule rule = matched.get();
        FitsHeader header = observation.header().withDefaults(rule.defaults());
        Map<ObsCoreField, Outcome<?>> outcomes = new EnumMap<>(deriver.derive(header, file));
        outcomes.put(ObsCoreField.OBS_COLLECTION, Outcome.of(rule.collection()));
        String didBase = rule.publisherDid().orElse(DEFAULT_AUTHORITY + rule.collection().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._-]", "-"));
        outcomes.put(ObsCoreField.OBS_PUBLISHER_DID, Outcome.of(didBase + "?" + file.relativePath()));
        outcomes.put(ObsCoreField.ACCESS_URL, rule.accessUrl().<Outcome<?>>map(base -> Outcome.of(url(base, file)))
                .orElseGet(() -> Outcome.missing("the mapping gives no access_url base to add the file's path to")));

        rule.compute().forEach((field, expression) -> outcomes.put(field, computed(field, expression, header)));
        rule.environment().forEach((field, variable) -> outcomes.put(field, fromEnvironment(field, variable)));
        rule.set().forEach((field, value) -> outcomes.put(field, Outcome.of(value)));

        var values = new EnumMap<ObsCoreField, Object>(ObsCoreField.class);
        var problems = new ArrayList<FileReport.Problem>();
        outcomes.forEach((field, outcome) -> {
            switch (outcome) {
                case Outcome.Derived<?> derived -> values.put(field, derived.value());
                case Outcome.Missing<?> missing -> problems.add(new FileReport.Problem(field, missing.reason()));
                case Outcome.NotApplicable<?> ignored -> {
                    // NULL, and nothing to report
                }
            }
        });
        var row = new ObsCoreRow(values);
        List<ObsCoreField> lacking = row.missingRequired();
        if (!lacking.isEmpty()) {
            return new FileReport(file.relativePath(), Optional.empty(), problems, Optional.of("NOT NULL field(s) "
                    + String.join(", ", lacking.stream().map(ObsCoreField::column).toList())
                    + " could not be derived (give them in the mapping)"));
        }
        return new FileReport(file.relativePath(), Optional.of(row), problems, Optional.empty());
    }

    private static Outcome<?> computed(ObsCoreField field, CompiledExpression expression, FitsHeader header) {
        Object value;
        try {
            value = expression.evaluate(header);
        } catch (ExpressionException e) {
            return Outcome.missing("compute '" + expression.text() + "': " + e.getMessage());
        }
        if (value == null) {
            return Outcome.missing("compute '" + expression.text() + "' gave null (a keyword it reads is missing?)");
        }
        return FieldValues.convert(field, value).<Outcome<?>>map(Outcome::of)
                .orElseGet(() -> Outcome.missing("compute '" + expression.text() + "': " + FieldValues.problem(field, value)));
    }

    private Outcome<?> fromEnvironment(ObsCoreField field, String variable) {
        String value = environment.apply(variable);
        if (value == null) {
            return Outcome.missing("environment variable " + variable + " is not set");
        }
        return FieldValues.convert(field, value).<Outcome<?>>map(Outcome::of)
                .orElseGet(() -> Outcome.missing("environment variable " + variable + ": " + FieldValues.problem(field, value)));
    }

    /** The base URL with the file's path appended, each segment percent-encoded. */
    private static String url(String base, DataFile file) {
        try {
            String path = new URI(null, null, file.relativePath(), null).getRawPath();
            return (base.endsWith("/") ? base : base + "/") + path;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("file path " + file.relativePath() + " cannot be a URL path", e);
        }
    }

    private static List<Path> fitsFiles(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().toLowerCase(Locale.ROOT)
                            .matches(".*\\.(fits|fit|fts)(\\.gz)?"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    private static String relativePath(Path directory, Path file) {
        return directory.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }
}

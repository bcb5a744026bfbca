package org.tapservice.adql;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tapservice.adql.catalog.CatalogColumn;
import org.tapservice.adql.catalog.CatalogTable;
import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.catalog.MapCatalog;

/**
 * Parse + check + translate, the translator's whole cost per query: a typical query (a cone
 * with a join and an ORDER BY) and a large one (a 50-vertex polygon and nested subqueries).
 *
 * <p>{@code mvn -pl adql-translator -Djmh test-compile exec:exec -Djmh.args=TranslatorBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class TranslatorBenchmark {

    private static final String TYPICAL = """
            SELECT s.source_id, s.ra, s.dec, s.phot_g_mean_mag, x.redshift
            FROM demo.stars AS s JOIN demo.crossmatch AS x ON x.source_id = s.source_id
            WHERE 1 = CONTAINS(POINT('ICRS', s.ra, s.dec), CIRCLE('ICRS', 210.8, 54.35, 0.5))
              AND s.phot_g_mean_mag < 18
            ORDER BY s.phot_g_mean_mag""";

    private static final String LARGE = """
            SELECT source_id, ra, dec FROM demo.stars
            WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), POLYGON('ICRS', %s))
              AND source_id IN (SELECT source_id FROM demo.crossmatch
                                WHERE redshift > 0.5 AND source_id IN (
                                    SELECT source_id FROM demo.stars WHERE phot_g_mean_mag < 12
                                    AND EXISTS (SELECT 1 FROM demo.crossmatch AS c
                                                WHERE c.source_id = demo.stars.source_id)))
            ORDER BY ra""".formatted(IntStream.range(0, 50)
            .mapToObj(i -> "%.4f, %.4f".formatted(180 + 5 * Math.cos(i * 2 * Math.PI / 50),
                    10 * Math.sin(i * 2 * Math.PI / 50)))
            .collect(Collectors.joining(", ")));

    private final AdqlTranslator translator = new AdqlTranslator();
    private final MapCatalog catalog = MapCatalog.of(
            new CatalogTable("demo", "stars", "demo", "stars", List.of(
                    new CatalogColumn("source_id", "source_id", ColumnType.BIGINT),
                    new CatalogColumn("ra", "ra", ColumnType.DOUBLE),
                    new CatalogColumn("dec", "dec", ColumnType.DOUBLE),
                    new CatalogColumn("phot_g_mean_mag", "phot_g_mean_mag", ColumnType.REAL))),
            new CatalogTable("demo", "crossmatch", "demo", "crossmatch", List.of(
                    new CatalogColumn("source_id", "source_id", ColumnType.BIGINT),
                    new CatalogColumn("redshift", "redshift", ColumnType.DOUBLE))));

    @Benchmark
    public TranslatedQuery typical() {
        return translator.translate(TYPICAL, catalog, OptionalLong.of(100_001));
    }

    @Benchmark
    public TranslatedQuery large() {
        return translator.translate(LARGE, catalog, OptionalLong.of(100_001));
    }
}

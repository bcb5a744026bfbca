package org.tapservice.adql;

import org.junit.jupiter.api.Test;
import org.tapservice.adql.catalog.FunctionCatalog;
import org.tapservice.adql.catalog.UserFunction;
import org.tapservice.adql.sql.AdqlFormatter;
import org.tapservice.adql.tree.Query;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.fail;

/**
 * Fuzzing from the grammar: every query {@link QueryGenerator} writes is valid ADQL and must
 * translate, and survive formatting back to ADQL; every mutant of it ({@link QueryMutator}) must
 * give SQL or an {@link AdqlException}, never any other exception.
 *
 * <p>A run takes a new seed unless {@code -Dadql.fuzz.seed=S} gives one, and stops after
 * {@code adql.fuzz.cases} cases (default 2 000, each a query and three mutants) or
 * {@code adql.fuzz.seconds} seconds (default 10), whichever comes first. Case i of seed S is the
 * same on every machine: a failure names both, and {@code -Dadql.fuzz.case=i} runs that case alone.
 */
class GrammarFuzzTest {

    private static final int MUTANTS_PER_QUERY = 3;

    private final AdqlTranslator translator = new AdqlTranslator(TranslatorLimits.defaults(),
            new FunctionCatalog(QueryGenerator.FUNCTIONS.stream().map(UserFunction::declare).toList()));

    @Test
    void generatedQueriesTranslateAndTheirMutantsGiveSqlOrAnAdqlException() {
        long seed = Long.getLong("adql.fuzz.seed", new SplittableRandom().nextLong());
        SplittableRandom seeds = new SplittableRandom(seed);
        Integer only = Integer.getInteger("adql.fuzz.case");
        if (only != null) {
            for (int i = 0; i < only; i++) {
                seeds.split();
            }
            fuzz(seed, only, seeds.split());
            return;
        }
        int cases = Integer.getInteger("adql.fuzz.cases", 2_000);
        long deadline = System.nanoTime() + Duration.ofSeconds(Integer.getInteger("adql.fuzz.seconds", 10)).toNanos();
        int ran = 0;
        for (; ran < cases && System.nanoTime() < deadline; ran++) {
            fuzz(seed, ran, seeds.split());
        }
        System.out.println("GrammarFuzzTest: seed " + seed + ", " + ran + " cases");
    }

    private void fuzz(long seed, int index, SplittableRandom random) {
        String query = new QueryGenerator(random, List.of(TestCatalog.STARS, TestCatalog.GALAXIES)).query();
        try {
            translator.translate(query, TestCatalog.CATALOG, OptionalLong.of(1000));
            Query parsed = translator.parse(query);
            String formatted = AdqlFormatter.format(parsed);
            if (!parsed.equals(translator.parse(formatted))) {
                fail(failure(seed, index, "the generated query changes when formatted back to ADQL: " + formatted, query));
            }
        }
        catch (RuntimeException | StackOverflowError e) {
            fail(failure(seed, index, "a generated query did not translate: " + e, query), e);
        }
        for (int m = 0; m < MUTANTS_PER_QUERY; m++) {
            String mutant = QueryMutator.mutate(query, random);
            try {
                translator.translate(mutant, TestCatalog.CATALOG, OptionalLong.of(1000));
            }
            catch (AdqlException expected) {
                // the documented way to refuse a query
            }
            catch (RuntimeException | StackOverflowError e) {
                fail(failure(seed, index, "mutant " + m + " threw " + e, mutant), e);
            }
            roundTrip(seed, index, mutant);
        }
    }

    /** A mutant that parses formats to ADQL that parses to the same tree, unless the formatting made it too long or too deep. */
    private void roundTrip(long seed, int index, String mutant) {
        Query parsed;
        try {
            parsed = translator.parse(mutant);
        }
        catch (AdqlException refused) {
            return;
        }
        String formatted = "";
        try {
            formatted = AdqlFormatter.format(parsed);
            if (!parsed.equals(translator.parse(formatted))) {
                fail(failure(seed, index, "a mutant changes when formatted back to ADQL: " + formatted, mutant));
            }
        }
        catch (AdqlException e) {
            if (e.code() != ErrorCode.NESTED_TOO_DEEPLY && e.code() != ErrorCode.QUERY_TOO_LONG) {
                fail(failure(seed, index, "a mutant formatted back to ADQL does not parse: " + e.getMessage() + " in " + formatted, mutant), e);
            }
        }
        catch (RuntimeException | StackOverflowError e) {
            fail(failure(seed, index, "a mutant that parses could not be formatted back to ADQL: " + e, mutant), e);
        }
    }

    private static String failure(long seed, int index, String what, String query) {
        String shown = query.length() > 2_000 ? query.substring(0, 2_000) + "... (" + query.length() + " characters)" : query;
        return "seed " + seed + ", case " + index + " (rerun: -Dadql.fuzz.seed=" + seed + " -Dadql.fuzz.case=" + index + "): "
                + what + "\n" + shown;
    }
}

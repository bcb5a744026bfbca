package org.tapservice.adql;

import org.junit.jupiter.api.Test;
import org.tapservice.adql.sql.AdqlFormatter;
import org.tapservice.adql.tree.Query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Whatever the text, translate() answers with SQL or an AdqlException: any other
 * exception is a bug. Mutants that still parse must also survive formatting back to
 * ADQL and parsing again. Valid queries are mutated at random (seeded, so a failure repeats)
 * by dropping, repeating, swapping and inserting words.
 */
class RandomMutationTest {

    private static final long SEED = 20_260_101L;
    private static final int MUTANTS = 3_000;

    private static final List<String> QUERIES = List.of(
            "SELECT TOP 10 s.id, s.ra AS x, COUNT(*) FROM demo.stars AS s WHERE s.mag < 10 GROUP BY s.id, s.ra HAVING COUNT(*) > 1 ORDER BY x DESC OFFSET 2",
            "SELECT * FROM demo.stars s JOIN demo.galaxies g ON s.id = g.id WHERE 1 = CONTAINS(POINT('ICRS', s.ra, s.dec), CIRCLE('ICRS', 10, 20, 0.5))",
            "SELECT DISTANCE(POINT(ra, dec), POINT(1, 2)), AREA(BOX(1, 2, 3, 4)), COORD1(pos) FROM demo.stars WHERE INTERSECTS(pos, POLYGON(1, 2, 3, 4, 5, 6)) = 0",
            "WITH b AS (SELECT id, mag FROM demo.stars WHERE mag BETWEEN 1 AND 5) SELECT b.* FROM b NATURAL JOIN demo.stars UNION SELECT id, z FROM demo.galaxies",
            "SELECT CASE WHEN mag > 5 THEN 'faint' ELSE LOWER(name) || 'x' END, CAST(ra AS INTEGER), MOD(id, 3), ROUND(ra, 2), 0x1F & id FROM demo.stars",
            "SELECT id FROM demo.stars WHERE name LIKE 'a%' AND id NOT IN (SELECT id FROM demo.galaxies) OR EXISTS (SELECT 1 FROM demo.galaxies AS g WHERE g.id = id)",
            "SELECT d.x, COALESCE(d.x, 0) FROM (SELECT ra AS x FROM demo.stars) AS d LEFT JOIN TAP_SCHEMA.tables t USING (x) ORDER BY 1");

    private static final List<String> INSERTIONS = List.of(
            "(", ")", ",", "*", "'", "\"", ".", "SELECT", "FROM", "WHERE", "AND", "NOT", "NULL", "1", "-1", "0x", "1e",
            "TOP", "ORDER BY", "GROUP BY", "JOIN", "ON", "USING", "AS", "CONTAINS(", "POINT(", "COUNT(*)", "||", "=",
            "UNION", "CASE", "WHEN", "END", "ra", "s.", "--", "\n", "IN", "BETWEEN", "LIKE", "ESCAPE", "%", "#", "é");

    private final AdqlTranslator translator = new AdqlTranslator();

    @Test
    void mutatedQueriesGiveSqlOrAnAdqlExceptionAndNothingElse() {
        Random random = new Random(SEED);
        assertTimeoutPreemptively(java.time.Duration.ofMinutes(2), () -> {
            for (int i = 0; i < MUTANTS; i++) {
                String mutant = mutate(QUERIES.get(random.nextInt(QUERIES.size())), random);
                try {
                    Query parsed = translator.parse(mutant);
                    String formatted = AdqlFormatter.format(parsed);
                    if (!parsed.equals(translator.parse(formatted))) {
                        fail("mutant " + i + " does not survive formatting: " + mutant + " -> " + formatted);
                    }
                    translator.translate(mutant, TestCatalog.CATALOG, OptionalLong.of(100));
                }
                catch (AdqlException expected) {
                    // the documented way to refuse a query
                }
                catch (RuntimeException | StackOverflowError bug) {
                    fail("mutant " + i + " threw " + bug + ": " + mutant, bug);
                }
            }
        });
    }

    private static String mutate(String query, Random random) {
        List<String> words = new ArrayList<>(Arrays.asList(query.split(" ")));
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations && !words.isEmpty(); m++) {
            int at = random.nextInt(words.size());
            switch (random.nextInt(5)) {
                case 0 -> words.remove(at);
                case 1 -> words.add(at, words.get(random.nextInt(words.size())));
                case 2 -> words.add(at, INSERTIONS.get(random.nextInt(INSERTIONS.size())));
                case 3 -> {
                    int other = random.nextInt(words.size());
                    String word = words.get(at);
                    words.set(at, words.get(other));
                    words.set(other, word);
                }
                default -> {
                    String word = words.get(at);
                    int cut = random.nextInt(word.length() + 1);
                    words.set(at, word.substring(0, cut) + INSERTIONS.get(random.nextInt(INSERTIONS.size())) + word.substring(cut));
                }
            }
        }
        return String.join(" ", words);
    }
}

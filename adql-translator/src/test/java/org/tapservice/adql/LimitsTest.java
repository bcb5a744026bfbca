package org.tapservice.adql;

import org.junit.jupiter.api.Test;
import org.tapservice.adql.sql.AdqlFormatter;
import org.tapservice.adql.tree.ArithmeticBinary;
import org.tapservice.adql.tree.Expression;
import org.tapservice.adql.tree.NodeLocation;
import org.tapservice.adql.tree.NumericLiteral;

import java.time.Duration;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A hostile query costs little: it is refused quickly with a clear error, never a stack overflow. */
class LimitsTest {

    private static final Duration FAST = Duration.ofSeconds(5);

    private final AdqlTranslator translator = new AdqlTranslator();

    private AdqlException failure(String adql) {
        return assertTimeoutPreemptively(FAST, () -> assertThrows(AdqlException.class,
                () -> translator.translate(adql, TestCatalog.CATALOG, OptionalLong.empty())));
    }

    @Test
    void tenThousandNestedParenthesesAreRefusedAsNestedTooDeeply() {
        String adql = "SELECT " + "(".repeat(10_000) + "ra" + ")".repeat(10_000) + " FROM demo.stars";
        AdqlException error = failure(adql);
        assertEquals(ErrorCode.NESTED_TOO_DEEPLY, error.code());
        assertEquals("line 1:208: query is nested too deeply: at most 200 levels of parentheses are accepted", error.getMessage());
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        String adql = "SELECT " + "(".repeat(199) + "ra" + ")".repeat(199) + " FROM demo.stars";
        assertTimeoutPreemptively(FAST, () -> translator.translate(adql, TestCatalog.CATALOG, OptionalLong.empty()));
    }

    @Test
    void deeplyNestedSubqueriesAreRefusedToo() {
        String adql = "SELECT ra FROM demo.stars WHERE id IN ".repeat(1) + "(SELECT id FROM demo.stars WHERE id IN ".repeat(1_000)
                + "(1)" + ")".repeat(1_000);
        assertEquals(ErrorCode.NESTED_TOO_DEEPLY, failure(adql).code());
    }

    @Test
    void longChainsOfOperatorsWithoutParenthesesFailCleanly() {
        String adql = "SELECT " + "- ".repeat(40_000) + "ra FROM demo.stars";
        assertEquals(ErrorCode.NESTED_TOO_DEEPLY, failure(adql).code());
    }

    @Test
    void aChainTooLongToPrintBackAsAdqlFailsCleanlyToo() {
        // built rather than parsed, and deeper than any stack: how deep the parser gets depends on the JIT
        Expression one = new NumericLiteral("1", NumericLiteral.Kind.INTEGER, NodeLocation.UNKNOWN);
        Expression chain = one;
        for (int i = 0; i < 1_000_000; i++) {
            chain = new ArithmeticBinary(ArithmeticBinary.Operator.ADD, chain, one, NodeLocation.UNKNOWN);
        }
        Expression deep = chain;
        AdqlException error = assertThrows(AdqlException.class, () -> AdqlFormatter.format(deep));
        assertEquals(ErrorCode.NESTED_TOO_DEEPLY, error.code());
    }

    @Test
    void longButFlatQueriesAreFine() {
        String adql = "SELECT ra FROM demo.stars WHERE " + "ra + ".repeat(500) + "1 > 0 OR " + "ra = 1 OR ".repeat(500) + "ra = 2";
        assertTimeoutPreemptively(FAST, () -> translator.translate(adql, TestCatalog.CATALOG, OptionalLong.empty()));
    }

    @Test
    void aQueryLongerThanTheLimitIsRefusedBeforeParsing() {
        AdqlTranslator strict = new AdqlTranslator(new TranslatorLimits(100, 10));
        AdqlException error = assertThrows(AdqlException.class,
                () -> strict.translate("SELECT ra FROM demo.stars WHERE name = '" + "x".repeat(100) + "'", TestCatalog.CATALOG, OptionalLong.empty()));
        assertEquals(ErrorCode.QUERY_TOO_LONG, error.code());
        assertEquals("line 1:1: query is 141 characters long; at most 100 are accepted", error.getMessage());
    }

    @Test
    void aSyntaxErrorAtTheEndOfALongQueryIsReportedQuickly() {
        String adql = "SELECT ra FROM demo.stars WHERE " + "ra + ".repeat(10_000) + "1 > 0 LIMIT 3";
        assertEquals(ErrorCode.SYNTAX_ERROR, failure(adql).code());
    }
}

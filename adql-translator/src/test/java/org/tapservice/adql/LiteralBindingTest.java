package org.tapservice.adql;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Numbers in conditions travel as parameters, typed as PostgreSQL types the literal, in the
 * order of their {@code ?}; everywhere else they stay in the text. (That both forms give the
 * same rows is shown on PostgreSQL by PostgresExecutionTest and PgsphereExecutionTest.)
 */
class LiteralBindingTest {

    private final AdqlTranslator translator = new AdqlTranslator();

    private TranslatedQuery bound(String adql) {
        return translator.translate(adql, TestCatalog.CATALOG, OptionalLong.of(101), LiteralBinding.PARAMETERS);
    }

    @Test
    void aConeSearchIsOneTextWhateverItsPosition() {
        TranslatedQuery first = bound("SELECT TOP 100 * FROM demo.stars WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(10.5, -20.25, 0.1))");
        TranslatedQuery second = bound("SELECT TOP 100 * FROM demo.stars WHERE 1 = CONTAINS(POINT(ra, dec), CIRCLE(200.125, 45.5, 0.1))");
        assertEquals(first.sql(), second.sql());
        assertTrue(first.sql().endsWith("scircle(spoint(radians(?), radians(?)), radians(?)) LIMIT 100"), first.sql());
        assertEquals(List.of(new BigDecimal("10.5"), new BigDecimal("-20.25"), new BigDecimal("0.1")), first.parameters());
        assertEquals(List.of(new BigDecimal("200.125"), new BigDecimal("45.5"), new BigDecimal("0.1")), second.parameters());
    }

    @Test
    void eachParameterHasTheTypePostgresqlGivesItsLiteral() {
        TranslatedQuery query = bound("SELECT id FROM demo.stars WHERE id IN (7, 0x10, 2147483648, 99999999999999999999, 1.5, 2e3)");
        assertEquals(List.of(7, 16, 2147483648L, new BigDecimal("99999999999999999999"), new BigDecimal("1.5"),
                new BigDecimal("2e3")), query.parameters());
        assertTrue(query.sql().contains("IN (?, ?, ?, ?, ?, ?)"), query.sql());
    }

    @Test
    void parametersFollowTheTextEvenWhereTheSqlRepeatsOrReordersAnExpression() {
        TranslatedQuery query = bound("SELECT id FROM demo.stars WHERE DISTANCE(POINT(ra, dec), POINT(100, 10)) < 0.5 AND mag < 7");
        assertEquals(List.of(100, 10, new BigDecimal("0.5"), 100, 10, new BigDecimal("0.5"), 7), query.parameters(), query.sql());
        assertEquals(7, query.sql().chars().filter(c -> c == '?').count(), query.sql());
    }

    @Test
    void aNegativeNumberIsOneParameterOfItsLiteralsType() {
        TranslatedQuery query = bound("SELECT id FROM demo.stars WHERE id > -2147483648 AND ra > -1.5 AND mag > -(2) AND -ra < 3");
        assertEquals(List.of(-2147483648L, new BigDecimal("-1.5"), -2, 3), query.parameters(), query.sql());
    }

    @Test
    void numbersOfTheSelectListGroupByHavingAndOrderByStayInTheText() {
        TranslatedQuery query = bound("SELECT mag + 1 AS m, COUNT(*) FROM demo.stars WHERE mag > 2 GROUP BY mag + 1"
                + " HAVING COUNT(*) > 3 ORDER BY mag + 1");
        assertEquals(List.of(2), query.parameters());
        assertTrue(query.sql().contains("+ 1") && query.sql().contains("> 3"), query.sql());
    }

    @Test
    void aSubqueryInTheSelectListKeepsItsNumbersInTheText() {
        TranslatedQuery query = bound("SELECT (SELECT COUNT(*) FROM demo.galaxies WHERE z > 0.5) AS n FROM demo.stars WHERE ra > 10");
        assertEquals(List.of(10), query.parameters());
    }

    @Test
    void aMarkerLikeTextInAStringOrIdentifierIsLeftAlone() {
        TranslatedQuery query = bound("SELECT id AS \"$0\" FROM demo.stars WHERE 'a$1''$2' = 'a$1''$2' AND ra > 1");
        assertEquals(List.of(1), query.parameters());
        assertTrue(query.sql().contains("'a$1''$2' = 'a$1''$2'") && query.sql().contains("\"$0\""), query.sql());
    }

    @Test
    void aQueryOfThousandsOfNumbersKeepsThemInTheText() {
        String list = IntStream.range(0, 1001).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        TranslatedQuery query = bound("SELECT id FROM demo.stars WHERE id IN (" + list + ")");
        assertEquals(Collections.emptyList(), query.parameters());
        assertFalse(query.sql().contains("?"), query.sql());
    }

    @Test
    void inlineTranslationHasNoParameters() {
        TranslatedQuery query = translator.translate("SELECT id FROM demo.stars WHERE ra > 10", TestCatalog.CATALOG, OptionalLong.empty());
        assertEquals(List.of(), query.parameters());
        assertTrue(query.sql().endsWith("> 10"), query.sql());
    }
}

package org.tapservice.adql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.OptionalLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** A wrong query is answered with what is wrong and where: "line L:C: message". */
class ErrorMessagesTest {

    private final AdqlTranslator translator = new AdqlTranslator();

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                arguments("", "line 1:1: mismatched input '<EOF>'. Expecting: '(', 'SELECT', 'WITH'"),
                arguments("SELECT", "line 1:7: mismatched input '<EOF>'. Expecting: '*', 'ALL', 'DISTINCT', 'TOP', <expression>, <identifier>"),
                // "demo" reads as the alias of ra, so the error is at the dot
                arguments("SELECT ra demo.stars", "line 1:15: mismatched input '.'. Expecting: ',', 'FROM'"),
                arguments("SELECT ra FROM demo.stars WHERE", "line 1:32: mismatched input '<EOF>'. Expecting: <condition>"),
                arguments("SELECT ra FROM demo.stars WHERE ra >", "line 1:37: mismatched input '<EOF>'. Expecting: <expression>"),
                arguments("SELECT ra FROM demo.stars WHERE ra", "line 1:35: mismatched input '<EOF>'. Expecting: "
                        + "'&', '(', '*', '+', '-', '.', '/', '<', '<=', '<>', '=', '>', '>=', 'BETWEEN', 'ILIKE', 'IN', 'IS', 'LIKE', 'NOT', '^', '|', '||'"),
                arguments("SELECT ra,\nFROM demo.stars", "line 2:1: mismatched input 'FROM'. Expecting: '*', <expression>, <identifier>"),
                arguments("SELECT ra FROM demo.stars WHERE ra = 1 ORDER ra", "line 1:46: mismatched input 'ra'. Expecting: 'BY'"),
                arguments("SELECT ra FROM demo.stars #", "line 1:27: mismatched input '#'. Expecting: "
                        + "',', '.', 'AS', 'CROSS', 'EXCEPT', 'FULL', 'GROUP', 'HAVING', 'INNER', 'INTERSECT', 'JOIN', 'LEFT', 'NATURAL', "
                        + "'OFFSET', 'ORDER', 'RIGHT', 'UNION', 'WHERE', <EOF>, <identifier>"),
                arguments("SELECT 'abc FROM demo.stars", "line 1:8: unterminated string literal: a ' is missing"),
                arguments("SELECT \"ra FROM demo.stars", "line 1:8: unterminated delimited identifier: a \" is missing"),
                arguments("SELECT \"\" FROM demo.stars", "line 1:8: a delimited identifier must not be empty"),
                arguments("SELECT TOP 99999999999999999999 ra FROM demo.stars", "line 1:12: TOP 99999999999999999999 is too large"));
    }

    static Stream<Arguments> hints() {
        return Stream.of(
                arguments("SELECT ra FROM demo.stars LIMIT 10",
                        "line 1:27: ADQL has no LIMIT clause: write SELECT TOP n ... to get at most n rows"),
                arguments("SELECT ra FROM demo.stars WHERE ra > 1 LIMIT 10",
                        "line 1:40: ADQL has no LIMIT clause: write SELECT TOP n ... to get at most n rows"),
                arguments("SELECT distance FROM demo.stars",
                        "line 1:17: mismatched input 'FROM'. Expecting: '('. 'distance' is a reserved word: "
                                + "to use it as a name, write it as a delimited identifier: \"distance\""),
                arguments("SELECT s.top FROM demo.stars AS s",
                        "line 1:10: mismatched input 'top'. Expecting: '*', <identifier>. 'top' is a reserved word: "
                                + "to use it as a name, write it as a delimited identifier: \"top\""),
                arguments("SELECT ra AS point FROM demo.stars",
                        "line 1:14: mismatched input 'point'. Expecting: <identifier>. 'point' is a reserved word: "
                                + "to use it as a name, write it as a delimited identifier: \"point\""));
    }

    static Stream<Arguments> checkErrors() {
        return Stream.of(
                arguments("SELECT * FROM demo.nothing", "line 1:15: Table 'demo.nothing' does not exist"),
                arguments("SELECT * FROM stars_typo", "line 1:15: Table 'stars_typo' does not exist"),
                arguments("SELECT foo FROM demo.stars", "line 1:8: Column 'foo' does not exist"),
                arguments("SELECT ra FROM demo.stars\nWHERE s.dec > 0", "line 2:7: Column 's.dec' does not exist: nothing in the FROM clause is called 's'"),
                arguments("SELECT \"RA\" FROM demo.stars", "line 1:8: Column 'RA' does not exist"),
                arguments("SELECT id FROM demo.stars, demo.galaxies", "line 1:8: Column 'id' is ambiguous: qualify it with a table name or alias"),
                arguments("SELECT ra FROM demo.stars, demo.stars", "line 1:28: 'stars' appears more than once in FROM: give each occurrence its own alias"),
                arguments("SELECT ABS(ra, dec) FROM demo.stars", "line 1:8: ABS takes 1 argument, not 2"),
                arguments("SELECT PI(1) FROM demo.stars", "line 1:8: PI takes 0 arguments, not 1"),
                arguments("SELECT ROUND() FROM demo.stars", "line 1:8: ROUND takes 1 to 2 arguments, not 0"),
                arguments("SELECT SQRT(pos) FROM demo.stars", "line 1:13: argument 1 of SQRT must be a number, but it is a geometry (POINT)"),
                arguments("SELECT ra + POINT(1, 2) FROM demo.stars",
                        "line 1:13: the right operand of operator + must be a number, but it is a geometry (POINT)"),
                arguments("SELECT ra FROM demo.stars WHERE 1 = CONTAINS(ra, CIRCLE(1, 2, 3))",
                        "line 1:46: argument 1 of CONTAINS must be a geometry, but it is of type DOUBLE"),
                arguments("SELECT ra FROM demo.stars WHERE name = 1", "line 1:40: operator = cannot compare a value of type VARCHAR with one of type INTEGER"),
                arguments("SELECT nosuch(ra) FROM demo.stars", "line 1:8: Function 'nosuch' does not exist: it is neither an ADQL function"
                        + " nor one of the functions this service declares"),
                arguments("SELECT ra FROM demo.stars WHERE COUNT(*) > 1", "line 1:33: aggregate functions such as COUNT are not allowed in WHERE"),
                arguments("SELECT ra, COUNT(*) FROM demo.stars", "line 1:8: Column 'ra' must appear in GROUP BY or be used in an aggregate function"),
                arguments("SELECT ra, dec FROM demo.stars GROUP BY ra", "line 1:12: Column 'dec' must appear in GROUP BY or be used in an aggregate function"),
                arguments("SELECT * FROM demo.stars GROUP BY ra", "line 1:1: SELECT * cannot be used with GROUP BY or aggregate functions: name the grouped columns"),
                arguments("SELECT DISTINCT name FROM demo.stars ORDER BY ra", "line 1:47: with SELECT DISTINCT, ORDER BY can only use what is selected"),
                arguments("SELECT ra FROM demo.stars ORDER BY 2", "line 1:36: ORDER BY position 2 is not in the select list (1 to 1)"),
                arguments("SELECT id FROM demo.stars UNION SELECT id, ra FROM demo.galaxies",
                        "line 1:27: UNION needs the same number of columns on both sides, not 1 and 2"),
                arguments("SELECT ra FROM demo.stars WHERE 1 = CONTAINS(pos, CIRCLE('GALACTIC', 1, 2, 3))",
                        "line 1:58: coordinate system 'GALACTIC' is not supported: positions are in ICRS"),
                arguments("SELECT IN_UNIT(ra, 'rad') FROM demo.stars", "line 1:8: IN_UNIT is not supported yet"),
                arguments("SELECT ra FROM demo.stars WHERE ra = (SELECT ra, dec FROM demo.galaxies)",
                        "line 1:38: a subquery used as a value must select exactly one column, not 2"),
                arguments("SELECT CAST(id AS TIMESTAMP) FROM demo.stars", "line 1:8: cannot cast of type BIGINT to TIMESTAMP"),
                arguments("SELECT CAST(CAST('2020-01-01' AS TIMESTAMP) AS REAL) FROM demo.stars",
                        "line 1:8: cannot cast of type TIMESTAMP to REAL"),
                arguments("SELECT CAST(pos AS VARCHAR) FROM demo.stars", "line 1:8: cannot cast a geometry (POINT) to VARCHAR"),
                arguments("SELECT id FROM demo.stars ORDER BY POINT(ra, dec)", "line 1:36: ORDER BY cannot sort by a geometry (POINT)"),
                arguments("SELECT pos FROM demo.stars ORDER BY pos", "line 1:37: ORDER BY cannot sort by a geometry (POINT)"),
                arguments("SELECT CIRCLE(pos, 1) FROM demo.stars ORDER BY 1", "line 1:48: ORDER BY cannot sort by a geometry (CIRCLE)"),
                arguments("SELECT pos, COUNT(*) FROM demo.stars GROUP BY pos", "line 1:47: GROUP BY cannot group by a geometry (POINT)"),
                arguments("SELECT COUNT(DISTINCT pos) FROM demo.stars",
                        "line 1:23: the argument of COUNT(DISTINCT ...) cannot be a geometry (POINT)"),
                arguments("SELECT POINT(10, 95) FROM demo.stars", "line 1:18: latitude 95 is not between -90 and 90 degrees"),
                arguments("SELECT POLYGON(1, 2, 3, -90.5, 5, 6) FROM demo.stars", "line 1:25: latitude -90.5 is not between -90 and 90 degrees"),
                arguments("SELECT DISTANCE(1, 2, 3, 1e3) FROM demo.stars", "line 1:26: latitude 1000 is not between -90 and 90 degrees"),
                arguments("SELECT CIRCLE(pos, -1) FROM demo.stars", "line 1:20: the radius of a CIRCLE cannot be negative"),
                arguments("SELECT CIRCLE('ICRS', 1, 2, 120) FROM demo.stars", "line 1:29: circles of more than 90 degrees radius are not supported"));
    }

    @ParameterizedTest
    @MethodSource({"syntaxErrors", "hints", "checkErrors"})
    void aWrongQueryIsReportedWithItsPosition(String adql, String message) {
        AdqlException error = assertThrows(AdqlException.class,
                () -> translator.translate(adql, TestCatalog.CATALOG, OptionalLong.empty()));
        assertEquals(message, error.getMessage());
        assertEquals(message, "line " + error.line() + ":" + error.column() + ": " + error.errorMessage());
    }
}

package org.tapservice.adql;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tapservice.adql.sql.AdqlFormatter;
import org.tapservice.adql.tree.Query;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Printing a parsed query as ADQL and parsing that again gives the same tree. */
class RoundTripTest {

    private final AdqlTranslator translator = new AdqlTranslator();

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM demo.stars",
            "SELECT ALL ra, dec FROM demo.stars",
            "SELECT DISTINCT TOP 10 s.*, s.ra AS \"Right Ascension\" FROM demo.stars AS s",
            "SELECT ra FROM demo.stars WHERE ra > 1 AND (dec < 2 OR NOT mag >= 3)",
            "SELECT -ra, +dec, - -mag, 1 - -2, (1 + 2) * 3, 1 + 2 * 3, 7 / 2 FROM demo.stars",
            "SELECT 0x1F & id, id | 2, id ^ 3, ~id FROM demo.stars",
            "SELECT name || 'x' || 'it''s', 1.5, .5, 5., 1e-3, 2.5E+10 FROM demo.stars",
            "SELECT ra FROM demo.stars WHERE name LIKE 'a%' OR name NOT ILIKE 'b!%' ESCAPE '!'",
            "SELECT ra FROM demo.stars WHERE ra BETWEEN 1 AND 2 AND dec NOT BETWEEN -1 AND 1",
            "SELECT ra FROM demo.stars WHERE id IN (1, 2, 3) AND id NOT IN (SELECT id FROM demo.galaxies)",
            "SELECT ra FROM demo.stars WHERE name IS NULL OR mag IS NOT NULL",
            "SELECT ra FROM demo.stars s WHERE EXISTS (SELECT 1 FROM demo.galaxies g WHERE g.id = s.id)",
            "SELECT (SELECT MAX(z) FROM demo.galaxies), ra FROM demo.stars s WHERE mag < (SELECT AVG(mag) FROM demo.stars) + 1",
            "SELECT COUNT(*), COUNT(DISTINCT name), SUM(mag), AVG(mag), MIN(ra), MAX(ra) FROM demo.stars GROUP BY name HAVING COUNT(*) > 1",
            "SELECT ra FROM demo.stars ORDER BY 1 DESC, dec ASC, ra + dec OFFSET 10",
            "SELECT CAST(ra AS INTEGER), CAST(name AS VARCHAR(20)), CAST(ra AS DOUBLE PRECISION), CAST(id AS CHAR) FROM demo.stars",
            "SELECT CASE WHEN mag > 5 THEN 'faint' WHEN mag > 2 THEN 'medium' ELSE 'bright' END FROM demo.stars",
            "SELECT CASE name WHEN 'a' THEN 1 ELSE 0 END, COALESCE(name, 'none') FROM demo.stars",
            "SELECT ABS(ra), CEILING(ra), DEGREES(ra), EXP(ra), FLOOR(ra), LOG(ra), LOG10(ra), MOD(id, 2), PI(), POWER(ra, 2) FROM demo.stars",
            "SELECT RADIANS(ra), RAND(), ROUND(ra, 2), SQRT(ra), TRUNCATE(ra, -1), SIN(ra), COS(ra), TAN(ra), ASIN(ra), ACOS(ra) FROM demo.stars",
            "SELECT ATAN(ra), ATAN2(ra, dec), COT(ra), LOWER(name), UPPER(name), IN_UNIT(ra, 'rad'), myudf(ra, 1) FROM demo.stars",
            "SELECT ra FROM demo.stars WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 0.5))",
            "SELECT DISTANCE(POINT(ra, dec), POINT(1, 2)), AREA(BOX(1, 2, 3, 4)), COORD1(pos), COORD2(pos), COORDSYS(pos) FROM demo.stars",
            "SELECT CENTROID(POLYGON(1, 2, 3, 4, 5, 6)), REGION('Circle ICRS 1 2 3') FROM demo.stars WHERE INTERSECTS(pos, CIRCLE(pos, 1)) = 0",
            "SELECT a.ra FROM demo.stars AS a INNER JOIN demo.galaxies AS b ON a.id = b.id LEFT OUTER JOIN demo.stars c USING (id)",
            "SELECT * FROM demo.stars RIGHT JOIN demo.galaxies USING (id, ra) FULL JOIN tap_schema.tables t ON 1 = 1",
            "SELECT * FROM demo.stars NATURAL JOIN demo.galaxies CROSS JOIN demo.stars AS x, demo.galaxies AS y",
            "SELECT * FROM demo.stars AS a JOIN (demo.galaxies AS b JOIN demo.stars AS c ON b.id = c.id) ON a.id = b.id",
            "SELECT d.x FROM (SELECT ra AS x FROM demo.stars ORDER BY ra OFFSET 1) AS d",
            "WITH a AS (SELECT id FROM demo.stars), \"B\" AS (SELECT id FROM a) SELECT * FROM \"B\"",
            "SELECT id FROM demo.stars UNION ALL SELECT id FROM demo.galaxies ORDER BY 1",
            "SELECT id FROM demo.stars UNION SELECT id FROM demo.galaxies INTERSECT SELECT id FROM demo.stars EXCEPT ALL SELECT 1 FROM demo.stars",
            "(SELECT TOP 3 id FROM demo.stars ORDER BY id) UNION (SELECT id FROM demo.galaxies)",
            "SELECT \"select\", \"a\"\"b\" FROM \"demo\".\"Stars\" -- a comment\n WHERE \"size\" > 0",
    })
    void formattingAParsedQueryAndParsingItAgainGivesTheSameTree(String adql) {
        Query parsed = translator.parse(adql);
        String formatted = AdqlFormatter.format(parsed);
        Query reparsed = translator.parse(formatted);
        assertEquals(parsed, reparsed, formatted);
        assertEquals(formatted, AdqlFormatter.format(reparsed));
    }
}

package org.tapservice.adql;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.tapservice.adql.catalog.ColumnType;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Translating ADQL gives the PostgreSQL + pgsphere SQL a TAP service runs. */
class TranslationTest {

    private final AdqlTranslator translator = new AdqlTranslator();

    private TranslatedQuery translate(String adql, OptionalLong rowLimit) {
        return translator.translate(adql, TestCatalog.CATALOG, rowLimit);
    }

    private void assertSql(String adql, String expected) {
        assertEquals(expected, translate(adql, OptionalLong.empty()).sql());
    }

    @Nested
    class SelectList {

        @Test
        void everyOutputColumnGetsItsNameAsAQuotedAlias() {
            assertSql("SELECT ra, dec FROM demo.stars",
                    "SELECT \"demo\".\"stars\".\"ra\" AS \"ra\", \"demo\".\"stars\".\"dec\" AS \"dec\" FROM \"demo\".\"stars\"");
        }

        @Test
        void namesArePrintedAsTheCatalogueStoresThem() {
            assertSql("SELECT g.z AS redshift, g.name FROM demo.galaxies AS g",
                    "SELECT \"g\".\"redshift\" AS \"redshift\", \"g\".\"name\" AS \"Name\" FROM \"demo\".\"galaxy_view\" AS \"g\"");
            assertSql("SELECT \"size\" FROM TAP_SCHEMA.tables",
                    "SELECT \"tap_schema\".\"tables\".\"size\" AS \"size\" FROM \"tap_schema\".\"tables\"");
        }

        @Test
        void anAsteriskStandsForAllColumnsOfTheCatalogueInOrder() {
            TranslatedQuery query = translate("SELECT * FROM TAP_SCHEMA.tables AS t", OptionalLong.empty());
            assertEquals("SELECT \"t\".\"schema_name\" AS \"schema_name\", \"t\".\"table_name\" AS \"table_name\", \"t\".\"size\" AS \"size\""
                    + " FROM \"tap_schema\".\"tables\" AS \"t\"", query.sql());
            assertEquals(List.of("schema_name", "table_name", "size"), query.columns().stream().map(OutputColumn::name).toList());
            assertEquals(Optional.of(new ColumnSource(TestCatalog.TAP_TABLES, TestCatalog.TAP_TABLES.columns().get(2))),
                    query.columns().get(2).source());
        }

        @Test
        void aQualifiedAsteriskStandsForTheColumnsOfThatTableOnly() {
            assertSql("SELECT g.*, s.id FROM demo.stars s JOIN demo.galaxies g ON s.id = g.id",
                    "SELECT \"g\".\"id\" AS \"id\", \"g\".\"ra\" AS \"ra\", \"g\".\"dec\" AS \"dec\", \"g\".\"redshift\" AS \"z\","
                            + " \"g\".\"name\" AS \"Name\", \"s\".\"id\" AS \"id_2\""
                            + " FROM \"demo\".\"stars\" AS \"s\" INNER JOIN \"demo\".\"galaxy_view\" AS \"g\" ON \"s\".\"id\" = \"g\".\"id\"");
        }

        @Test
        void outputNamesAreTheAliasTheColumnNameOrAGeneratedOneAndAreUnique() {
            TranslatedQuery query = translate("SELECT ra, RA, ra AS x, ra + 1, COUNT(*), ABS(dec) FROM demo.stars GROUP BY ra, dec", OptionalLong.empty());
            assertEquals(List.of("ra", "ra_2", "x", "col4", "count", "abs"), query.columns().stream().map(OutputColumn::name).toList());
        }

        @Test
        void aScalarSubqueryHasTheTypeOfItsOnlyColumn() {
            TranslatedQuery query = translate("SELECT (SELECT MAX(z) FROM demo.galaxies) AS z, (SELECT COUNT(*) FROM demo.galaxies) AS n"
                    + " FROM demo.stars", OptionalLong.empty());
            assertEquals(List.of(ColumnType.DOUBLE, ColumnType.BIGINT), query.columns().stream().map(OutputColumn::type).toList());
        }

        @Test
        void outputColumnsKnowTheirTypeAndOnlyPlainColumnsTheirSource() {
            TranslatedQuery query = translate("SELECT id, mag * 2, name || 'x', POINT(ra, dec) FROM demo.stars", OptionalLong.empty());
            assertEquals(List.of(ColumnType.BIGINT, ColumnType.DOUBLE, ColumnType.VARCHAR, ColumnType.POINT),
                    query.columns().stream().map(OutputColumn::type).toList());
            assertEquals(List.of(true, false, false, false), query.columns().stream().map(column -> column.source().isPresent()).toList());
        }

        @Test
        void computedNumbersAreCastToTheTypeTheOutputColumnDeclares() {
            assertSql("SELECT AVG(mag), SUM(id), COUNT(*), 1.5 FROM demo.stars AS s",
                    "SELECT CAST(avg(\"s\".\"mag\") AS double precision) AS \"avg\", CAST(sum(\"s\".\"id\") AS bigint) AS \"sum\","
                            + " count(*) AS \"count\", CAST(1.5 AS double precision) AS \"col4\" FROM \"demo\".\"stars\" AS \"s\"");
        }
    }

    @Nested
    class RowLimits {

        private String limitOf(String adql, OptionalLong rowLimit) {
            String sql = translate(adql, rowLimit).sql();
            return sql.contains(" LIMIT ") ? sql.substring(sql.indexOf(" LIMIT ")) : "";
        }

        @Test
        void topAloneBecomesTheLimit() {
            assertEquals(" LIMIT 10", limitOf("SELECT TOP 10 ra FROM demo.stars", OptionalLong.empty()));
        }

        @Test
        void theRowLimitAloneBecomesTheLimit() {
            assertEquals(" LIMIT 101", limitOf("SELECT ra FROM demo.stars", OptionalLong.of(101)));
        }

        @Test
        void withBothTheSmallerWins() {
            assertEquals(" LIMIT 10", limitOf("SELECT TOP 10 ra FROM demo.stars", OptionalLong.of(101)));
            assertEquals(" LIMIT 101", limitOf("SELECT TOP 1000 ra FROM demo.stars", OptionalLong.of(101)));
        }

        @Test
        void withNeitherThereIsNoLimit() {
            assertEquals("", limitOf("SELECT ra FROM demo.stars", OptionalLong.empty()));
        }

        @Test
        void offsetSkipsRowsBeforeTopCounts() {
            assertEquals(" LIMIT 5 OFFSET 20", limitOf("SELECT TOP 5 ra FROM demo.stars ORDER BY ra OFFSET 20", OptionalLong.of(101)));
        }

        @Test
        void topOfAnOperandOfUnionStaysWithIt() {
            assertSql("SELECT TOP 2 id FROM demo.stars AS s UNION ALL SELECT id FROM demo.galaxies AS g",
                    "(SELECT \"s\".\"id\" AS \"id\" FROM \"demo\".\"stars\" AS \"s\" LIMIT 2) UNION ALL"
                            + " (SELECT \"g\".\"id\" AS \"id\" FROM \"demo\".\"galaxy_view\" AS \"g\")");
            assertEquals(" LIMIT 2) UNION ALL (SELECT \"g\".\"id\" AS \"id\" FROM \"demo\".\"galaxy_view\" AS \"g\") LIMIT 7",
                    limitOf("SELECT TOP 2 id FROM demo.stars AS s UNION ALL SELECT id FROM demo.galaxies AS g", OptionalLong.of(7)));
        }

        @Test
        void theTranslationSaysHowManyRowsTheSqlCanReturn() {
            assertEquals(OptionalLong.of(10), translate("SELECT TOP 10 ra FROM demo.stars", OptionalLong.of(101)).maxRows());
            assertEquals(OptionalLong.of(101), translate("SELECT ra FROM demo.stars", OptionalLong.of(101)).maxRows());
            assertEquals(OptionalLong.empty(), translate("SELECT ra FROM demo.stars", OptionalLong.empty()).maxRows());
        }

        @Test
        void aNegativeRowLimitIsTheCallersMistake() {
            assertThrows(IllegalArgumentException.class, () -> translate("SELECT ra FROM demo.stars", OptionalLong.of(-1)));
        }
    }

    @Nested
    class ConeSearch {

        private static final String CONE = "spoint(radians(\"s\".\"ra\"), radians(\"s\".\"dec\"))"
                + " <@ scircle(spoint(radians(10.5), radians(-20)), radians(0.25))";

        private String where(String condition) {
            String sql = translate("SELECT id FROM demo.stars AS s WHERE " + condition, OptionalLong.empty()).sql();
            return sql.substring(sql.indexOf(" WHERE ") + " WHERE ".length());
        }

        @Test
        void oneEqualsContainsPointInCircleIsTheIndexablePgsphereOperator() {
            assertEquals(CONE, where("1=CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10.5, -20, 0.25))"));
        }

        @Test
        void theComparisonMayBeWrittenEitherWayRoundAndWithoutCoordinateSystems() {
            assertEquals(CONE, where("CONTAINS(POINT(s.ra, s.dec), CIRCLE(10.5, -20, 0.25)) = 1"));
            assertEquals(CONE, where("CONTAINS(POINT('', ra, dec), CIRCLE(POINT(10.5, -20), 0.25)) = 1"));
        }

        @Test
        void comparingWithZeroNegatesThePredicate() {
            assertEquals("NOT (" + CONE + ")", where("0 = CONTAINS(POINT(ra, dec), CIRCLE(10.5, -20, 0.25))"));
            assertEquals("NOT (" + CONE + ")", where("CONTAINS(POINT(ra, dec), CIRCLE(10.5, -20, 0.25)) = 0"));
            assertEquals(CONE, where("CONTAINS(POINT(ra, dec), CIRCLE(10.5, -20, 0.25)) <> 0"));
        }

        @Test
        void theConeCombinesWithOtherConditions() {
            assertEquals("(" + CONE + ") AND (\"s\".\"mag\" < 10)",
                    where("1 = CONTAINS(POINT(ra, dec), CIRCLE(10.5, -20, 0.25)) AND mag < 10"));
        }

        @Test
        void geometryColumnsAreUsedAsStored() {
            assertEquals("\"s\".\"pos\" <@ scircle(spoint(radians(1), radians(2)), radians(3))", where("1 = CONTAINS(pos, CIRCLE(1, 2, 3))"));
        }

        @Test
        void containmentInAPointIsContainmentInTheCircleOfRadiusZeroAroundIt() {
            assertEquals("\"s\".\"pos\" <@ scircle(spoint(radians(1), radians(2)))", where("1 = CONTAINS(pos, POINT(1, 2))"));
            assertEquals("scircle(\"s\".\"pos\", radians(1)) <@ scircle(spoint(radians(1), radians(2)))",
                    where("1 = CONTAINS(CIRCLE(pos, 1), POINT(1, 2))"));
            assertEquals("spoint(radians(1), radians(2)) <@ scircle(\"s\".\"pos\")", where("1 = INTERSECTS(POINT(1, 2), pos)"));
        }

        @Test
        void intersectsWithAPointIsContainment() {
            assertEquals("\"s\".\"pos\" <@ scircle(spoint(radians(1), radians(2)), radians(3))", where("1 = INTERSECTS(CIRCLE(1, 2, 3), pos)"));
            assertEquals("scircle(\"s\".\"pos\", radians(1)) && scircle(spoint(radians(1), radians(2)), radians(3))",
                    where("1 = INTERSECTS(CIRCLE(pos, 1), CIRCLE(1, 2, 3))"));
        }

        @Test
        void distanceIsInDegrees() {
            assertEquals("degrees(spoint(radians(\"s\".\"ra\"), radians(\"s\".\"dec\")) <-> spoint(radians(1), radians(2))) > 0.1",
                    where("DISTANCE(POINT(ra, dec), POINT(1, 2)) > 0.1"));
            assertEquals("degrees(spoint(radians(\"s\".\"ra\"), radians(\"s\".\"dec\")) <-> spoint(radians(1), radians(2))) = 0",
                    where("DISTANCE(ra, dec, 1, 2) = 0"));
        }

        private static final String ROW = "spoint(radians(\"s\".\"ra\"), radians(\"s\".\"dec\"))";
        private static final String CENTRE = "spoint(radians(1), radians(2))";

        @Test
        void aDistanceBelowALiteralIsAlsoAnIndexableContainmentInACircle() {
            String cone = ROW + " <@ scircle(" + CENTRE + ", radians(0.1)) AND degrees(" + ROW + " <-> " + CENTRE + ")";
            assertEquals(cone + " < 0.1", where("DISTANCE(POINT(ra, dec), POINT(1, 2)) < 0.1"));
            assertEquals(cone + " <= 0.1", where("DISTANCE(ra, dec, 1, 2) <= 0.1"));
            assertEquals(cone + " < 0.1", where("0.1 > DISTANCE(ra, dec, 1, 2)"));
        }

        @Test
        void theRowsPointIsTheOneTestedAgainstTheCircleWhicheverArgumentItIs() {
            assertEquals(ROW + " <@ scircle(" + CENTRE + ", radians(1)) AND degrees(" + CENTRE + " <-> " + ROW + ") <= 1",
                    where("DISTANCE(POINT(1, 2), POINT(ra, dec)) <= 1"));
        }

        @Test
        void aCrossmatchTestsEachSideAgainstACircleAroundTheOther() {
            String sql = translate("SELECT a.id FROM demo.stars AS a JOIN demo.galaxies AS b"
                    + " ON DISTANCE(a.ra, a.dec, b.ra, b.dec) < 0.00027", OptionalLong.empty()).sql();
            String a = "spoint(radians(\"a\".\"ra\"), radians(\"a\".\"dec\"))";
            String b = "spoint(radians(\"b\".\"ra\"), radians(\"b\".\"dec\"))";
            assertEquals(" ON " + a + " <@ scircle(" + b + ", radians(0.00027)) AND " + b + " <@ scircle(" + a + ", radians(0.00027))"
                    + " AND degrees(" + a + " <-> " + b + ") < 0.00027", sql.substring(sql.indexOf(" ON ")));
        }

        @Test
        void aDistanceBelowARadiusPgsphereCannotDrawOrBelowAnExpressionIsOnlyADistance() {
            assertEquals("degrees(" + ROW + " <-> " + CENTRE + ") < 120", where("DISTANCE(ra, dec, 1, 2) < 120"));
            assertEquals("degrees(" + ROW + " <-> " + CENTRE + ") < \"s\".\"mag\"", where("DISTANCE(ra, dec, 1, 2) < mag"));
        }

        @Test
        void aPolygonIsBuiltFromItsVerticesInOrder() {
            assertEquals("\"s\".\"pos\" <@ \"tap_schema\".\"tap_polygon\"(CAST(ARRAY[10, 10, 20, 10, 15, 20] AS double precision[]))",
                    where("1 = CONTAINS(pos, POLYGON('ICRS', 10, 10, 20, 10, 15, 20))"));
        }

        @Test
        void aPolygonMayRepeatAVertexWrittenTheSameWay() {
            assertEquals("\"s\".\"pos\" <@ \"tap_schema\".\"tap_polygon\"(ARRAY[\"s\".\"pos\", spoint(radians(1), radians(2)), \"s\".\"pos\"])",
                    where("1 = CONTAINS(pos, POLYGON(pos, POINT(1, 2), pos))"));
        }

        @Test
        void coordinatesOfAPointAreInDegrees() {
            assertSql("SELECT COORD1(pos), COORD2(pos) FROM demo.stars AS s",
                    "SELECT CAST(degrees(long(\"s\".\"pos\")) AS double precision) AS \"coord1\","
                            + " CAST(degrees(lat(\"s\".\"pos\")) AS double precision) AS \"coord2\" FROM \"demo\".\"stars\" AS \"s\"");
        }
    }

    @Nested
    class GeometryResults {

        private static final String POS_AS_DALI =
                "CASE WHEN \"s\".\"pos\" IS NULL THEN NULL ELSE ARRAY[degrees(long(\"s\".\"pos\")), degrees(lat(\"s\".\"pos\"))] END";

        private String select(String expression) {
            String sql = translate("SELECT " + expression + " AS x FROM demo.stars AS s", OptionalLong.empty()).sql();
            return sql.substring("SELECT ".length(), sql.indexOf(" AS \"x\""));
        }

        @Test
        void aPointColumnIsWrittenAsItsRaAndDecInDegrees() {
            assertEquals(POS_AS_DALI, select("pos"));
        }

        @Test
        void aCircleIsWrittenAsItsCentreAndRadiusInDegrees() {
            String circle = "scircle(\"s\".\"pos\", radians(1))";
            assertEquals("CASE WHEN " + circle + " IS NULL THEN NULL ELSE ARRAY[degrees(long(center(" + circle + "))),"
                    + " degrees(lat(center(" + circle + "))), degrees(radius(" + circle + "))] END", select("CIRCLE(pos, 1)"));
        }

        @Test
        void aPolygonIsWrittenAsItsVerticesInDegreesReadFromPgspheresText() {
            String polygon = "\"tap_schema\".\"tap_polygon\"(CAST(ARRAY[1, 2, 3, 2, 2, 3] AS double precision[]))";
            assertEquals("(SELECT array_agg(degrees(vertex.v) ORDER BY vertex.i) FROM (SELECT CAST(string_to_array(translate(CAST("
                    + polygon + " AS text), '{}() ', ''), ',') AS double precision[]) AS a) AS shape, unnest(CASE cardinality(shape.a)"
                    + " WHEN 4 THEN ARRAY[shape.a[1], shape.a[2], shape.a[3], shape.a[2], shape.a[3], shape.a[4], shape.a[1], shape.a[4]]"
                    + " ELSE shape.a END) WITH ORDINALITY AS vertex(v, i))", select("POLYGON(1, 2, 3, 2, 2, 3)"));
        }

        @Test
        void theOutputColumnsOfGeometryDeclareTheirGeometryType() {
            TranslatedQuery query = translate("SELECT pos, CIRCLE(ra, dec, 1), POLYGON(pos, pos, pos), BOX(ra, dec, 1, 1), CENTROID(CIRCLE(pos, 1))"
                    + " FROM demo.stars", OptionalLong.empty());
            assertEquals(List.of(ColumnType.POINT, ColumnType.CIRCLE, ColumnType.POLYGON, ColumnType.POLYGON, ColumnType.POINT),
                    query.columns().stream().map(OutputColumn::type).toList());
        }

        @Test
        void aVertexGivenTwiceIsCheckedEachTime() {
            assertEquals(ColumnType.DOUBLE, translate("SELECT AREA(POLYGON(pos, pos, POINT(1, 2))) FROM demo.stars", OptionalLong.empty())
                    .columns().getFirst().type());
        }

        @Test
        void geometryInsideTheQueryStaysPgsphere() {
            assertSql("SELECT d.p FROM (SELECT pos AS p FROM demo.stars AS s) AS d WHERE 1 = CONTAINS(d.p, CIRCLE(1, 2, 3))",
                    "SELECT CASE WHEN \"d\".\"p\" IS NULL THEN NULL ELSE ARRAY[degrees(long(\"d\".\"p\")), degrees(lat(\"d\".\"p\"))] END AS \"p\""
                            + " FROM (SELECT \"s\".\"pos\" AS \"p\" FROM \"demo\".\"stars\" AS \"s\") AS \"d\""
                            + " WHERE \"d\".\"p\" <@ scircle(spoint(radians(1), radians(2)), radians(3))");
        }

        @Test
        void everyOperandOfASetOperationWritesItsGeometry() {
            assertSql("SELECT pos FROM demo.stars AS s UNION SELECT pos FROM demo.stars AS s",
                    "(SELECT " + POS_AS_DALI + " AS \"pos\" FROM \"demo\".\"stars\" AS \"s\") UNION"
                            + " (SELECT " + POS_AS_DALI + " AS \"pos\" FROM \"demo\".\"stars\" AS \"s\")");
        }

        @Test
        void numbersFromGeometryAreLeftAsTheyAre() {
            assertEquals("CAST(degrees(long(\"s\".\"pos\")) AS double precision)", select("COORD1(pos)"));
        }
    }

    @Nested
    class Expressions {

        private String select(String expression) {
            String sql = translate("SELECT " + expression + " AS x FROM demo.stars AS s", OptionalLong.empty()).sql();
            return sql.substring("SELECT ".length(), sql.indexOf(" AS \"x\""));
        }

        @Test
        void nestedOperationsAreParenthesizedAsTheTreeGroupsThem() {
            assertEquals("CAST((\"s\".\"ra\" + 1) * 2 AS double precision)", select("(ra + 1) * 2"));
            assertEquals("CAST(\"s\".\"ra\" + (1 * 2) AS double precision)", select("ra + 1 * 2"));
            assertEquals("CAST(-(-\"s\".\"ra\") AS double precision)", select("- -ra"));
        }

        @Test
        void aBareNullTakesTheTypeOfTheNumericOperationItIsAnOperandOf() {
            assertEquals("CAST(CAST(NULL AS double precision) + CAST(NULL AS double precision) AS double precision)", select("NULL + NULL"));
            assertEquals("\"s\".\"id\" * CAST(NULL AS bigint)", select("id * NULL"));
            assertEquals("~CAST(NULL AS bigint)", select("~NULL"));
            assertEquals("CAST(sum(CAST(NULL AS double precision)) AS double precision)", select("SUM(NULL)"));
        }

        @Test
        void integerDivisionStaysInteger() {
            assertEquals("7 / 2", select("7 / 2"));
        }

        @Test
        void logIsTheNaturalLogarithmAndLog10TheDecimalOne() {
            assertEquals("CAST(ln(\"s\".\"ra\") AS double precision)", select("LOG(ra)"));
            assertEquals("CAST(log(\"s\".\"ra\") AS double precision)", select("LOG10(ra)"));
        }

        @Test
        void roundAndTruncateToDecimalPlacesGoThroughNumeric() {
            assertEquals("CAST(round(CAST(\"s\".\"ra\" AS numeric), CAST(2 AS integer)) AS double precision)",
                    select("ROUND(ra, 2)"));
            assertEquals("CAST(trunc(CAST(\"s\".\"ra\" AS numeric), CAST(-1 AS integer)) AS double precision)",
                    select("TRUNCATE(ra, -1)"));
            assertEquals("CAST(trunc(CAST(\"s\".\"ra\" AS numeric)) AS double precision)", select("TRUNCATE(ra)"));
        }

        @Test
        void roundWithoutPlacesBreaksTiesAsRoundWithPlacesDoes() {
            assertEquals("CAST(round(CAST(\"s\".\"ra\" AS numeric)) AS double precision)", select("ROUND(ra)"));
        }

        @Test
        void aScalarSubqueryIsPrintedInParenthesesWithItsOwnTypedSelectList() {
            assertEquals("CAST((SELECT CAST(avg(\"g\".\"redshift\") AS double precision) AS \"avg\" FROM \"demo\".\"galaxy_view\" AS \"g\""
                    + " WHERE \"g\".\"id\" = \"s\".\"id\") + 1 AS double precision)", select("(SELECT AVG(z) FROM demo.galaxies AS g WHERE g.id = s.id) + 1"));
        }

        @Test
        void modOfFloatingPointNumbersGoesThroughNumeric() {
            assertEquals("mod(\"s\".\"id\", 3)", select("MOD(id, 3)"));
            assertEquals("CAST(mod(CAST(\"s\".\"ra\" AS numeric), CAST(3 AS numeric)) AS double precision)", select("MOD(ra, 3)"));
        }

        @Test
        void mathFunctionsKeepTheirNames() {
            assertEquals("CAST(power(sqrt(abs(\"s\".\"ra\")), 2) + (pi() * degrees(radians(atan2(sin(\"s\".\"ra\"), cos(\"s\".\"dec\"))))) AS double precision)",
                    select("POWER(SQRT(ABS(ra)), 2) + PI() * DEGREES(RADIANS(ATAN2(SIN(ra), COS(dec))))"));
        }

        @Test
        void bitwiseExclusiveOrIsHashInPostgresqlAndHexLiteralsAreDecimal() {
            assertEquals("((\"s\".\"id\" & 31) | 2) # (~\"s\".\"id\")", select("((id & 0x1F) | 2) ^ ~id"));
        }

        @Test
        void concatenationCastsNonStringsToText() {
            assertEquals("(upper(\"s\".\"name\") || ':') || CAST(\"s\".\"id\" AS varchar)", select("UPPER(name) || ':' || id"));
        }

        @Test
        void stringLiteralsAreQuotedWithTheirQuotesDoubled() {
            assertEquals("'it''s'", select("'it''s'"));
            assertEquals("E'back\\\\slash'", select("'back\\slash'"));
        }

        @Test
        void caseAndCoalesceAndCast() {
            assertEquals("CASE WHEN \"s\".\"mag\" > 5 THEN 'faint' ELSE coalesce(\"s\".\"name\", 'none') END",
                    select("CASE WHEN mag > 5 THEN 'faint' ELSE COALESCE(name, 'none') END"));
            assertEquals("CAST(\"s\".\"ra\" AS varchar(10))", select("CAST(ra AS VARCHAR(10))"));
        }
    }

    @Nested
    class Clauses {

        @Test
        void theSearchConditionKeepsItsPredicates() {
            assertSql("SELECT id FROM demo.stars AS s WHERE id IN (1, 2) AND ra BETWEEN 1 AND 2 AND name IS NOT NULL"
                            + " AND name NOT LIKE 'A%' AND NOT dec > 3 OR name ILIKE '%b!%' ESCAPE '!'",
                    "SELECT \"s\".\"id\" AS \"id\" FROM \"demo\".\"stars\" AS \"s\" WHERE (((((\"s\".\"id\" IN (1, 2))"
                            + " AND (\"s\".\"ra\" BETWEEN 1 AND 2)) AND (\"s\".\"name\" IS NOT NULL)) AND (\"s\".\"name\" NOT LIKE 'A%' ESCAPE ''))"
                            + " AND (NOT (\"s\".\"dec\" > 3))) OR (\"s\".\"name\" ILIKE '%b!%' ESCAPE '!')");
        }

        @Test
        void aPatternWithoutEscapeHasNoEscapeCharacterNotEvenTheBackslash() {
            assertSql("SELECT id FROM demo.stars AS s WHERE name LIKE 'a\\%'",
                    "SELECT \"s\".\"id\" AS \"id\" FROM \"demo\".\"stars\" AS \"s\" WHERE \"s\".\"name\" LIKE E'a\\\\%' ESCAPE ''");
        }

        @Test
        void orderByTakesNamesAliasesPositionsAndExpressions() {
            assertSql("SELECT ra AS x, dec FROM demo.stars AS s ORDER BY x DESC, 2, mag + 1, dec",
                    "SELECT \"s\".\"ra\" AS \"x\", \"s\".\"dec\" AS \"dec\" FROM \"demo\".\"stars\" AS \"s\""
                            + " ORDER BY \"x\" DESC, 2 ASC, \"s\".\"mag\" + 1 ASC, \"dec\" ASC");
        }

        @Test
        void aConstantKeyIsAValueNotAPosition() {
            assertSql("SELECT COUNT(*) AS n FROM demo.stars AS s GROUP BY 1 ORDER BY -1, 'x', 1.5",
                    "SELECT count(*) AS \"n\" FROM \"demo\".\"stars\" AS \"s\" GROUP BY CAST(1 AS integer)"
                            + " ORDER BY CAST(-1 AS integer) ASC, CAST('x' AS varchar) ASC, CAST(1.5 AS double precision) ASC");
        }

        @Test
        void groupByAndHaving() {
            assertSql("SELECT name AS n, COUNT(*) AS c, MAX(mag) FROM demo.stars AS s GROUP BY n HAVING COUNT(*) > 1",
                    "SELECT \"s\".\"name\" AS \"n\", count(*) AS \"c\", max(\"s\".\"mag\") AS \"max\" FROM \"demo\".\"stars\" AS \"s\""
                            + " GROUP BY \"n\" HAVING count(*) > 1");
        }

        @Test
        void groupedColumnsMayBeWrittenQualifiedOrNotAndInsideExpressions() {
            assertSql("SELECT s.ra, ra + 1, MAX(mag) + 1 FROM demo.stars AS s GROUP BY ra",
                    "SELECT \"s\".\"ra\" AS \"ra\", CAST(\"s\".\"ra\" + 1 AS double precision) AS \"col2\","
                            + " CAST(max(\"s\".\"mag\") + 1 AS double precision) AS \"col3\" FROM \"demo\".\"stars\" AS \"s\" GROUP BY \"s\".\"ra\"");
        }

        @Test
        void joinsOfEveryKind() {
            assertSql("SELECT s.id FROM demo.stars s LEFT OUTER JOIN demo.galaxies g ON s.id = g.id RIGHT JOIN demo.stars t USING (mag)"
                            + " FULL JOIN demo.galaxies h ON h.id = t.id CROSS JOIN TAP_SCHEMA.tables",
                    "SELECT \"s\".\"id\" AS \"id\" FROM \"demo\".\"stars\" AS \"s\" LEFT JOIN \"demo\".\"galaxy_view\" AS \"g\" ON \"s\".\"id\" = \"g\".\"id\""
                            + " RIGHT JOIN \"demo\".\"stars\" AS \"t\" USING (\"mag\") FULL JOIN \"demo\".\"galaxy_view\" AS \"h\" ON \"h\".\"id\" = \"t\".\"id\""
                            + " CROSS JOIN \"tap_schema\".\"tables\"");
        }

        @Test
        void naturalJoinMatchesOnTheCommonPublishedNamesAndShowsThemOnce() {
            TranslatedQuery query = translate("SELECT * FROM demo.stars AS s NATURAL JOIN demo.galaxies AS g", OptionalLong.empty());
            assertEquals("SELECT \"id\" AS \"id\", \"ra\" AS \"ra\", \"dec\" AS \"dec\", \"name\" AS \"name\", \"s\".\"mag\" AS \"mag\","
                    + " CASE WHEN \"s\".\"pos\" IS NULL THEN NULL ELSE ARRAY[degrees(long(\"s\".\"pos\")), degrees(lat(\"s\".\"pos\"))] END AS \"pos\","
                    + " \"g\".\"redshift\" AS \"z\" FROM \"demo\".\"stars\" AS \"s\""
                    + " INNER JOIN \"demo\".\"galaxy_view\" AS \"g\" USING (\"id\", \"ra\", \"dec\", \"name\")", query.sql());
        }

        @Test
        void subqueriesInFromInAndExists() {
            assertSql("SELECT d.x FROM (SELECT ra AS x FROM demo.stars) AS d WHERE d.x IN (SELECT ra FROM demo.galaxies)"
                            + " AND EXISTS (SELECT 1 FROM demo.galaxies AS g WHERE g.ra = d.x)",
                    "SELECT \"d\".\"x\" AS \"x\" FROM (SELECT \"demo\".\"stars\".\"ra\" AS \"x\" FROM \"demo\".\"stars\") AS \"d\""
                            + " WHERE (\"d\".\"x\" IN (SELECT \"demo\".\"galaxy_view\".\"ra\" AS \"ra\" FROM \"demo\".\"galaxy_view\"))"
                            + " AND EXISTS (SELECT 1 AS \"col1\" FROM \"demo\".\"galaxy_view\" AS \"g\" WHERE \"g\".\"ra\" = \"d\".\"x\")");
        }

        @Test
        void commonTableExpressionsAreNamedAsDeclared() {
            assertSql("WITH Bright AS (SELECT id FROM demo.stars WHERE mag < 5) SELECT b.id FROM bright AS b",
                    "WITH \"Bright\" AS (SELECT \"demo\".\"stars\".\"id\" AS \"id\" FROM \"demo\".\"stars\" WHERE \"demo\".\"stars\".\"mag\" < 5)"
                            + " SELECT \"b\".\"id\" AS \"id\" FROM \"Bright\" AS \"b\"");
        }

        @Test
        void setOperationsGroupAsWritten() {
            assertSql("SELECT id FROM demo.stars AS a UNION SELECT id FROM demo.stars AS b INTERSECT SELECT id FROM demo.stars AS c",
                    "(SELECT \"a\".\"id\" AS \"id\" FROM \"demo\".\"stars\" AS \"a\") UNION"
                            + " ((SELECT \"b\".\"id\" AS \"id\" FROM \"demo\".\"stars\" AS \"b\") INTERSECT (SELECT \"c\".\"id\" AS \"id\" FROM \"demo\".\"stars\" AS \"c\"))");
        }

        @Test
        void userTextNeverReachesTheSqlUnquoted() {
            assertSql("SELECT ra AS \"x\"\" FROM pg_shadow --\" FROM demo.stars AS \"a\"\"b\"",
                    "SELECT \"a\"\"b\".\"ra\" AS \"x\"\" FROM pg_shadow --\" FROM \"demo\".\"stars\" AS \"a\"\"b\"");
        }
    }
}

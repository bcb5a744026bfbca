package org.tapservice.adql;

import org.junit.jupiter.api.Test;
import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.catalog.FunctionCatalog;
import org.tapservice.adql.catalog.UserFunction;

import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * ADQL 2.1 section 2.4: a service may offer functions of its own. A call of one is checked
 * against its declared signature like a call of a built-in function, and becomes a call of
 * the PostgreSQL function it is mapped to.
 */
class UserFunctionTest {

    private static final UserFunction HASWORD = UserFunction.declare("ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER")
            .describedAs("1 if needle is a word of haystack, else 0");
    private static final UserFunction HEALPIX = UserFunction.declare("gaia_healpix_index(norder INTEGER, source_id BIGINT) -> BIGINT")
            .mappedTo("public.gaia_healpix");
    private static final UserFunction EPOCH = UserFunction.declare("ivo_epoch_prop_pos(pos POINT, at TIMESTAMP) -> POINT");

    private final AdqlTranslator translator = new AdqlTranslator(TranslatorLimits.defaults(),
            FunctionCatalog.of(HASWORD, HEALPIX, EPOCH));

    private TranslatedQuery translate(String adql) {
        return translator.translate(adql, TestCatalog.CATALOG, OptionalLong.empty());
    }

    private AdqlException refused(String adql) {
        Throwable thrown = catchThrowable(() -> translate(adql));
        assertThat(thrown).isInstanceOf(AdqlException.class);
        return (AdqlException) thrown;
    }

    @Test
    void aDeclaredFunctionBecomesACallOfThePostgresqlFunctionOfTheSameName() {
        assertThat(translate("SELECT id FROM demo.stars WHERE ivo_hasword(name, 'vega') = 1").sql())
                .isEqualTo("SELECT \"demo\".\"stars\".\"id\" AS \"id\" FROM \"demo\".\"stars\""
                        + " WHERE \"ivo_hasword\"(\"demo\".\"stars\".\"name\", 'vega') = 1");
    }

    @Test
    void aFunctionMayBeMappedToASchemaQualifiedPostgresqlFunction() {
        assertThat(translate("SELECT gaia_healpix_index(6, id) FROM demo.stars").sql())
                .isEqualTo("SELECT CAST(\"public\".\"gaia_healpix\"(6, \"demo\".\"stars\".\"id\") AS bigint) AS \"gaia_healpix_index\""
                        + " FROM \"demo\".\"stars\"");
    }

    @Test
    void theNameOfARegularIdentifierMatchesInAnyCase() {
        assertThat(translate("SELECT IVO_HASWORD(name, 'vega') FROM demo.stars").sql()).contains("\"ivo_hasword\"(");
    }

    @Test
    void theCallIsOfTheDeclaredReturnTypeAndItsOutputIsCastToIt() {
        TranslatedQuery query = translate("SELECT ivo_hasword(name, 'vega') AS found FROM demo.stars");

        assertThat(query.columns()).extracting(OutputColumn::type).containsExactly(ColumnType.INTEGER);
        assertThat(query.sql()).startsWith("SELECT CAST(\"ivo_hasword\"(\"demo\".\"stars\".\"name\", 'vega') AS integer) AS \"found\"");
    }

    @Test
    void theResultTypeChecksTheExpressionAroundTheCall() {
        assertThat(refused("SELECT id FROM demo.stars WHERE ivo_hasword(name, 'x') = 'yes'").getMessage())
                .isEqualTo("line 1:58: operator = cannot compare a value of type INTEGER with one of type VARCHAR");
    }

    @Test
    void numbersArePassedAsTheDeclaredTypeSinceSqlDoesNotNarrowThemItself() {
        assertThat(translate("SELECT gaia_healpix_index(id, 1) FROM demo.stars").sql())
                .contains("\"public\".\"gaia_healpix\"(CAST(\"demo\".\"stars\".\"id\" AS integer), CAST(1 AS bigint))");
    }

    @Test
    void aTimestampMayBeGivenAsAString() {
        assertThat(translate("SELECT ivo_epoch_prop_pos(pos, '2030-01-01') FROM demo.stars").sql())
                .contains("\"ivo_epoch_prop_pos\"(\"demo\".\"stars\".\"pos\", CAST('2030-01-01' AS timestamp))");
    }

    @Test
    void theWrongNumberOfArgumentsIsRefusedAtTheCall() {
        AdqlException error = refused("SELECT id\nFROM demo.stars WHERE ivo_hasword(name) = 1");

        assertThat(error.code()).isEqualTo(ErrorCode.WRONG_ARGUMENT_COUNT);
        assertThat(error.getMessage()).isEqualTo("line 2:23: ivo_hasword takes 2 arguments, not 1");
    }

    @Test
    void anArgumentOfTheWrongTypeIsRefusedWhereItIs() {
        AdqlException error = refused("SELECT gaia_healpix_index(6, ra) FROM demo.stars");

        assertThat(error.code()).isEqualTo(ErrorCode.TYPE_MISMATCH);
        assertThat(error.getMessage()).isEqualTo("line 1:30: argument 2 of gaia_healpix_index must be an integer, but it is of type DOUBLE");
        assertThat(refused("SELECT ivo_hasword(name, 1) FROM demo.stars").getMessage())
                .isEqualTo("line 1:26: argument 2 of ivo_hasword must be a string, but it is of type INTEGER");
        assertThat(refused("SELECT ivo_epoch_prop_pos(CIRCLE(1, 2, 3), '2030-01-01') FROM demo.stars").getMessage())
                .isEqualTo("line 1:27: argument 1 of ivo_epoch_prop_pos must be a POINT, but it is a geometry (CIRCLE)");
    }

    @Test
    void anUndeclaredFunctionIsRefusedByName() {
        AdqlException error = refused("SELECT ivo_nosuch(name) FROM demo.stars");

        assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_FUNCTION);
        assertThat(error.getMessage()).isEqualTo("line 1:8: Function 'ivo_nosuch' does not exist:"
                + " it is neither an ADQL function nor one of the functions this service declares");
    }

    @Test
    void aDelimitedNameMatchesTheDeclaredNameExactly() {
        assertThat(translate("SELECT \"ivo_hasword\"(name, 'x') FROM demo.stars").sql()).contains("\"ivo_hasword\"(");
        assertThat(refused("SELECT \"IVO_HASWORD\"(name, 'x') FROM demo.stars").code()).isEqualTo(ErrorCode.UNKNOWN_FUNCTION);
    }

    @Test
    void withoutDeclaredFunctionsEveryOtherNameIsUnknown() {
        assertThatThrownBy(() -> new AdqlTranslator().translate("SELECT ivo_hasword(name, 'x') FROM demo.stars",
                TestCatalog.CATALOG, OptionalLong.empty()))
                .isInstanceOfSatisfying(AdqlException.class, error -> assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_FUNCTION));
    }

    @Test
    void theDeclaredFunctionsAreFeaturesOfTypeUdfWithTheirSignatureAsForm() {
        assertThat(translator.features()).containsSubsequence(OptionalFeature.SUPPORTED)
                .contains(new OptionalFeature(OptionalFeature.UDF, "ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER",
                        Optional.of("1 if needle is a word of haystack, else 0")))
                .contains(new OptionalFeature(OptionalFeature.UDF, "gaia_healpix_index(norder INTEGER, source_id BIGINT) -> BIGINT"));
        assertThat(new AdqlTranslator().features()).isEqualTo(OptionalFeature.SUPPORTED);
    }
}

package org.tapservice.adql.catalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TAPRegExt: a user-defined function is declared by its signature, name(parameter TYPE, ...) -> TYPE. */
class FunctionSignatureTest {

    @Test
    void aSignatureGivesTheNameTheTypedParametersAndTheReturnType() {
        FunctionSignature signature = FunctionSignature.parse("ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER");

        assertThat(signature.name()).isEqualTo("ivo_hasword");
        assertThat(signature.parameters()).containsExactly(
                new FunctionSignature.Parameter("haystack", new AdqlType("TEXT", ColumnType.VARCHAR)),
                new FunctionSignature.Parameter("needle", new AdqlType("TEXT", ColumnType.VARCHAR)));
        assertThat(signature.returnType()).isEqualTo(new AdqlType("INTEGER", ColumnType.INTEGER));
    }

    @Test
    void theFormIsTheSignatureWithTypesInUpperCaseAndSingleSpaces() {
        assertThat(FunctionSignature.parse("  gaia_healpix_index( norder integer,source_id   BIGINT )->bigint ").form())
                .isEqualTo("gaia_healpix_index(norder INTEGER, source_id BIGINT) -> BIGINT");
    }

    @Test
    void aFunctionMayTakeNoArguments() {
        FunctionSignature signature = FunctionSignature.parse("ivo_now() -> TIMESTAMP");

        assertThat(signature.parameters()).isEmpty();
        assertThat(signature.form()).isEqualTo("ivo_now() -> TIMESTAMP");
    }

    @Test
    void typesMayHaveTwoWordsOrALength() {
        FunctionSignature signature = FunctionSignature.parse("my_f(a DOUBLE PRECISION, b VARCHAR(20), c CHAR(*), d POINT) -> CIRCLE");

        assertThat(signature.parameters()).extracting(parameter -> parameter.type().columnType())
                .containsExactly(ColumnType.DOUBLE, ColumnType.VARCHAR, ColumnType.CHAR, ColumnType.POINT);
        assertThat(signature.form()).isEqualTo("my_f(a DOUBLE PRECISION, b VARCHAR(20), c CHAR(*), d POINT) -> CIRCLE");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"| expected the function's name at column 1, found the end",
            "ivo_f TEXT -> INTEGER| expected '(' after the function's name at column 7, found 'T'",
            "ivo_f(a TEXT| expected ',' or ')' after a parameter at column 13, found the end",
            "ivo_f(a TEXT,) -> INTEGER| expected a parameter name at column 14, found ')'",
            "ivo_f(a) -> INTEGER| expected a type for parameter 'a' at column 8, found ')'",
            "ivo_f(a TEXT)| expected '->' and the return type at column 14, found the end",
            "ivo_f(a TEXT) INTEGER| expected '->' and the return type at column 15, found 'I'",
            "ivo_f(a TEXT) ->| expected the return type at column 17, found the end",
            "ivo_f(a STRING) -> INTEGER| unknown ADQL type 'STRING': expected one of SMALLINT, INTEGER, BIGINT, REAL, DOUBLE PRECISION, "
                    + "CHAR(n), VARCHAR(n), TEXT, CLOB, TIMESTAMP, BOOLEAN, BLOB, POINT, CIRCLE, POLYGON, REGION (at column 9)",
            "ivo_f(a INTEGER(3)) -> INTEGER| the ADQL type INTEGER takes no length (at column 9)",
            "hasword(a TEXT) -> INTEGER| 'hasword' cannot name a user-defined function: ADQL 2.1 asks for a name with a prefix, such as ivo_hasword",
            "in_unit(a DOUBLE, b TEXT) -> DOUBLE| 'in_unit' is a reserved word of ADQL",
            "ivo_f(a TEXT, A TEXT) -> INTEGER| parameter 'A' of ivo_f is declared twice",
    })
    void anInvalidSignatureIsRefusedSayingWhatIsWrongAndWhere(String signature, String reason) {
        assertThatThrownBy(() -> FunctionSignature.parse(signature))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid function signature '" + signature + "': " + reason);
    }

    @Test
    void aCatalogueOfFunctionsRefusesTheSameNameTwiceWhateverItsCase() {
        UserFunction first = UserFunction.declare("ivo_f(a TEXT) -> INTEGER");
        UserFunction second = UserFunction.declare("IVO_F(a INTEGER) -> INTEGER");

        assertThatThrownBy(() -> new FunctionCatalog(List.of(first, second)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the function IVO_F is declared twice");
    }

    @Test
    void thePostgresqlFunctionIsTheNameInLowerCaseUnlessMappedElsewhere() {
        UserFunction declared = UserFunction.declare("IVO_HasWord(a TEXT, b TEXT) -> INTEGER");

        assertThat(declared.sqlName()).containsExactly("ivo_hasword");
        assertThat(declared.mappedTo("public.q3c_ang2ipix").sqlName()).containsExactly("public", "q3c_ang2ipix");
        assertThatThrownBy(() -> declared.mappedTo("a.b.c"))
                .hasMessage("'a.b.c' cannot name the PostgreSQL function of IVO_HasWord: expected name or schema.name");
        assertThatThrownBy(() -> declared.mappedTo("f(); DROP TABLE x"))
                .hasMessageStartingWith("'f(); DROP TABLE x' cannot name the PostgreSQL function");
    }
}

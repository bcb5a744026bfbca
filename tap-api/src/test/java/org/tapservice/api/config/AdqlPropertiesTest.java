package org.tapservice.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.tapservice.adql.catalog.UserFunction;

/** tap.adql.functions declares the user-defined functions; a wrong declaration stops the service. */
class AdqlPropertiesTest {

    @Test
    void aFunctionNeedsOnlyItsSignature() {
        AdqlProperties properties = new AdqlProperties(List.of(
                new AdqlProperties.Function("ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER", null, null)));

        assertThat(properties.functionCatalog().functions())
                .containsExactly(UserFunction.declare("ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER"));
    }

    @Test
    void theSqlFunctionAndTheDescriptionAreTakenWhenGiven() {
        AdqlProperties properties = new AdqlProperties(List.of(new AdqlProperties.Function(
                "gaia_healpix_index(norder INTEGER, source_id BIGINT) -> BIGINT", " public.healpix ", "the HEALPix index")));

        UserFunction function = properties.functionCatalog().functions().getFirst();
        assertThat(function.sqlFunction()).isEqualTo("public.healpix");
        assertThat(function.description()).isEqualTo(Optional.of("the HEALPix index"));
    }

    @Test
    void aFunctionWithoutASignatureIsRefused() {
        AdqlProperties properties = new AdqlProperties(List.of(new AdqlProperties.Function(" ", "public.f", null)));

        assertThatThrownBy(properties::functionCatalog).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tap.adql.functions: every function needs a signature");
    }

    @Test
    void anInvalidSignatureIsRefusedWithTheReason() {
        AdqlProperties properties = new AdqlProperties(List.of(new AdqlProperties.Function("hasword(a TEXT) -> INTEGER", null, null)));

        assertThatThrownBy(properties::functionCatalog).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ADQL 2.1 asks for a name with a prefix");
    }
}

package org.tapservice.adql.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ADQL 2.1 section 2.1.2: names that can be written without quotes. */
class IdentifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"t", "T1", "my_table", "sources2mass"})
    void aLetterThenLettersDigitsAndUnderscoresIsARegularIdentifier(String name) {
        assertThat(Identifier.isRegular(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1t", "_t", "a-b", "a b", "é", "select", "Size", "POINT", "top", "offset"})
    void otherNamesAndReservedWordsAreNot(String name) {
        assertThat(Identifier.isRegular(name)).isFalse();
    }
}

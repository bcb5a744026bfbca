package org.tapservice.core.dali;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DaliParametersTest {

    @Test
    void parameterNamesAreCaseInsensitive() {
        DaliParameters parameters = DaliParameters.of(Map.of("lang", List.of("ADQL"), "Query", List.of("SELECT 1")));

        assertThat(parameters.get("LANG")).contains("ADQL");
        assertThat(parameters.get("query")).contains("SELECT 1");
    }

    @Test
    void parameterValuesAreKeptVerbatim() {
        DaliParameters parameters = DaliParameters.of(Map.of("QUERY", List.of("select Ra from T where x = 'MiXeD'")));

        assertThat(parameters.get("QUERY")).contains("select Ra from T where x = 'MiXeD'");
    }

    @Test
    void repeatedParametersKeepEveryValueInOrderAndTheLastOneWins() {
        DaliParameters parameters = DaliParameters.of(Map.of("maxrec", List.of("10"), "MAXREC", List.of("20")));

        assertThat(parameters.getAll("MaxRec")).hasSize(2);
        assertThat(parameters.get("MAXREC")).isPresent();
    }

    @Test
    void anAbsentParameterIsEmpty() {
        DaliParameters parameters = DaliParameters.of(Map.of());

        assertThat(parameters.get("QUERY")).isEmpty();
        assertThat(parameters.contains("QUERY")).isFalse();
    }
}

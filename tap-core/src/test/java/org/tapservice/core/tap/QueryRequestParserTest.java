package org.tapservice.core.tap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.dali.DaliParameters;
import org.tapservice.core.upload.TableUpload;

class QueryRequestParserTest {

    private final QueryRequestParser parser = new QueryRequestParser(new OutputLimits(1000, 5000));

    private static DaliParameters parameters(String... namesAndValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return DaliParameters.of(map);
    }

    @Test
    void aQueryNeedsLangAndQuery() {
        QueryRequest request = parser.parse(parameters("LANG", "ADQL", "QUERY", "SELECT * FROM t"));

        assertThat(request.adql()).isEqualTo("SELECT * FROM t");
        assertThat(request.responseFormat()).isEmpty();
    }

    @Test
    void withoutMaxrecTheServiceDefaultApplies() {
        assertThat(parser.parse(parameters("LANG", "ADQL", "QUERY", "SELECT 1")).maxrec()).isEqualTo(1000);
    }

    @Test
    void maxrecAboveTheHardLimitIsLoweredToIt() {
        assertThat(parser.parse(parameters("LANG", "ADQL", "QUERY", "q", "MAXREC", "999999")).maxrec())
                .isEqualTo(5000);
    }

    @Test
    void maxrecZeroIsAllowed() {
        assertThat(parser.parse(parameters("LANG", "ADQL", "QUERY", "q", "MAXREC", "0")).maxrec()).isZero();
    }

    @Test
    void aNegativeOrNonNumericMaxrecIsAnError() {
        assertInvalid(parameters("LANG", "ADQL", "QUERY", "q", "MAXREC", "-1"), "MAXREC must be a non-negative integer");
        assertInvalid(parameters("LANG", "ADQL", "QUERY", "q", "MAXREC", "ten"), "MAXREC must be a non-negative integer");
    }

    @Test
    void aMissingQueryIsAnError() {
        assertInvalid(parameters("LANG", "ADQL"), "missing parameter: QUERY");
        assertInvalid(parameters("LANG", "ADQL", "QUERY", "  "), "missing parameter: QUERY");
    }

    @Test
    void aMissingOrUnknownLanguageIsAnError() {
        assertInvalid(parameters("QUERY", "SELECT 1"), "missing parameter: LANG");
        assertInvalid(parameters("LANG", "SQL", "QUERY", "SELECT 1"), "unknown query language 'SQL'");
    }

    @Test
    void langMayCarryTheAdqlVersion() {
        assertThat(parser.parse(parameters("LANG", "ADQL-2.0", "QUERY", "q")).adql()).isEqualTo("q");
        assertThat(parser.parse(parameters("LANG", "ADQL-2.1", "QUERY", "q")).adql()).isEqualTo("q");
    }

    @Test
    void requestDoQueryFromTap10ClientsIsAcceptedAndOtherRequestsAreNot() {
        assertThat(parser.parse(parameters("REQUEST", "doQuery", "LANG", "ADQL", "QUERY", "q")).adql()).isEqualTo("q");
        assertInvalid(parameters("REQUEST", "getCapabilities", "LANG", "ADQL", "QUERY", "q"), "unsupported REQUEST");
    }

    @Test
    void formatIsAnAliasOfResponseformat() {
        assertThat(parser.parse(parameters("LANG", "ADQL", "QUERY", "q", "FORMAT", "csv")).responseFormat())
                .contains("csv");
        assertThat(parser.parse(parameters("LANG", "ADQL", "QUERY", "q", "RESPONSEFORMAT", "tsv")).responseFormat())
                .contains("tsv");
    }

    @Test
    void everyUploadParameterNamesTablesOfTheQuery() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put("LANG", List.of("ADQL"));
        map.put("QUERY", List.of("q"));
        map.put("upload", List.of("a,param:a;b,param:b", "c,https://example.org/c.vot"));

        assertThat(parser.parse(DaliParameters.of(map)).uploads()).extracting(TableUpload::name)
                .containsExactly("a", "b", "c");
        assertThat(parser.parse(parameters("LANG", "ADQL", "QUERY", "q")).uploads()).isEmpty();
        assertInvalid(parameters("LANG", "ADQL", "QUERY", "q", "UPLOAD", "1a,param:a"), "is not an ADQL identifier");
    }

    @Test
    void spuriousParametersAreIgnored() {
        assertThat(parser.parse(parameters("LANG", "ADQL", "QUERY", "q", "FOO", "bar")).adql()).isEqualTo("q");
    }

    private void assertInvalid(DaliParameters parameters, String message) {
        assertThatThrownBy(() -> parser.parse(parameters))
                .isInstanceOfSatisfying(TapException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining(message);
    }
}

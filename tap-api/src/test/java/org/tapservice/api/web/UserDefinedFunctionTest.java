package org.tapservice.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tapservice.api.RunningService;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * ADQL 2.1 section 2.4 and TAPRegExt: a function configured in tap.adql.functions can be
 * called in queries and is declared in the capabilities. The service runs in a context of
 * its own, since the shared one declares no functions.
 */
class UserDefinedFunctionTest extends RunningService {

    private static final String SIGNATURE = "ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER";

    @DynamicPropertySource
    static void functions(DynamicPropertyRegistry registry) {
        registry.add("tap.adql.functions[0].signature", () -> SIGNATURE);
        registry.add("tap.adql.functions[0].sql-function", () -> "public.tap_test_hasword");
        registry.add("tap.adql.functions[0].description", () -> "1 if needle is a word of haystack, else 0");
    }

    @BeforeAll
    void createTheSqlFunction() {
        database().execute("""
                CREATE OR REPLACE FUNCTION public.tap_test_hasword(haystack text, needle text) RETURNS integer
                LANGUAGE sql IMMUTABLE
                AS $$ SELECT CAST(lower(needle) = ANY (regexp_split_to_array(lower(haystack), '\\W+')) AS integer) $$
                """);
    }

    @Test
    void aQueryCallingTheFunctionIsAnswered() throws Exception {
        HttpResponse<String> response = get("/sync" + query("LANG", "ADQL", "RESPONSEFORMAT", "csv", "QUERY",
                "SELECT id, ivo_hasword(name, 'SRC') AS word FROM science.sources WHERE ivo_hasword(name, '3') = 1"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().lines().toList()).containsExactly("id,word", "3,1");
    }

    @Test
    void aCallWithTheWrongArgumentsIsABadRequestSayingWhy() throws Exception {
        HttpResponse<String> response = get("/sync" + query("LANG", "ADQL", "QUERY",
                "SELECT ivo_hasword(name) FROM science.sources"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("line 1:8: ivo_hasword takes 2 arguments, not 1");
    }

    @Test
    void theCapabilitiesDeclareTheFunctionWithItsSignatureAndDescription() throws Exception {
        Document capabilities = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(get("/capabilities").body())));
        String feature = "//languageFeatures[@type='ivo://ivoa.net/std/TAPRegExt#features-udf']/feature";
        XPath xpath = XPathFactory.newInstance().newXPath();

        assertThat(xpath.evaluate("count(" + feature + ")", capabilities)).isEqualTo("1");
        assertThat(xpath.evaluate(feature + "/form", capabilities)).isEqualTo(SIGNATURE);
        assertThat(xpath.evaluate(feature + "/description", capabilities)).isEqualTo("1 if needle is a word of haystack, else 0");
    }
}

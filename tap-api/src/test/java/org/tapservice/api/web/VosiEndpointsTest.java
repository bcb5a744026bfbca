package org.tapservice.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.tapservice.api.RunningService;
import org.w3c.dom.Document;

/** VOSI 1.1 capabilities, availability and tables, and the DALI examples. */
class VosiEndpointsTest extends RunningService {

    private static Document xml(HttpResponse<String> response) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                response.body().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void capabilitiesDeclareTapWithItsBaseUrl() throws Exception {
        HttpResponse<String> response = get("/capabilities");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(xml(response).getDocumentElement().getLocalName()).isEqualTo("capabilities");
        assertThat(response.body()).contains("standardID=\"ivo://ivoa.net/std/TAP\"")
                .contains("<accessURL use=\"base\">" + baseUrl() + "</accessURL>")
                .contains("<name>ADQL</name>")
                .contains("<mime>application/x-votable+xml;serialization=BINARY2</mime>")
                .contains("<default unit=\"row\">1000</default>")
                .contains("<form>DISTANCE</form>");
    }

    /** X-Forwarded-Prefix is the public path of the service; it takes the place of /tap. */
    @Test
    void urlsFollowTheForwardedHeadersOfAProxy() throws Exception {
        HttpResponse<String> response = get("/capabilities", "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "archive.example.org", "X-Forwarded-Port", "443",
                "X-Forwarded-Prefix", "/gaia/tap");

        assertThat(response.body()).contains("<accessURL use=\"base\">https://archive.example.org/gaia/tap</accessURL>")
                .contains("https://archive.example.org/gaia/tap/tables");
    }

    @Test
    void availabilitySaysTheServiceIsUp() throws Exception {
        HttpResponse<String> response = get("/availability");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<vosi:available>true</vosi:available>");
    }

    @Test
    void tablesListEverySchemaTableAndColumn() throws Exception {
        HttpResponse<String> response = get("/tables");

        assertThat(xml(response).getDocumentElement().getLocalName()).isEqualTo("tableset");
        assertThat(response.body()).contains("<name>science.sources</name>").contains("<name>TAP_SCHEMA.columns</name>")
                .contains("<name>ra</name>").contains("<unit>deg</unit>");
    }

    @Test
    void detailMinLeavesTheColumnsOut() throws Exception {
        HttpResponse<String> response = get("/tables?detail=min");

        assertThat(response.body()).contains("<name>science.sources</name>").doesNotContain("<column");
    }

    @Test
    void aSingleTableIsServedUnderItsName() throws Exception {
        HttpResponse<String> response = get("/tables/science.sources");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(xml(response).getDocumentElement().getLocalName()).isEqualTo("table");
        assertThat(response.body()).contains("<name>dec</name>");
    }

    @Test
    void anUnknownTableIsNotFound() throws Exception {
        assertThat(get("/tables/science.nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void examplesAreWellFormedXhtmlWithRdfaExamples() throws Exception {
        HttpResponse<String> response = get("/examples");

        assertThat(response.statusCode()).isEqualTo(200);
        Document examples = xml(response);
        assertThat(examples.getElementsByTagName("pre").getLength()).isGreaterThanOrEqualTo(5);
        assertThat(response.body()).contains("vocab=\"http://www.ivoa.net/rdf/examples#\"");
    }
}

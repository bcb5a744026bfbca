package org.tapservice.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tapservice.api.RunningService;
import org.tapservice.api.VOTableResponse;
import org.w3c.dom.Element;

/**
 * DataLink 1.1: the {links} endpoint over tap_links, and the service descriptor TAP results of a
 * table with a declared identifier column carry.
 */
class DataLinkEndpointTest extends RunningService {

    @BeforeAll
    void publishLinksOfTheSampleSources() {
        database().execute("""
                DELETE FROM tap_links.links WHERE id IN ('1', '2', '3');
                DELETE FROM tap_links.services WHERE service_id = 'cutout';
                INSERT INTO tap_links.services (service_id, standard_id, access_url, content_type, description)
                VALUES ('cutout', 'ivo://ivoa.net/std/SODA#sync-1.0', 'https://data.example.org/soda', 'application/fits',
                        'Cutouts of the source''s image');
                INSERT INTO tap_links.service_params (service_id, name, datatype, arraysize, ucd, value, param_index)
                VALUES ('cutout', 'ID', 'char', '*', 'meta.id;meta.main', 'ivo://example.org/img?2', 0),
                       ('cutout', 'CIRCLE', 'double', '3', 'obs.field', '', 1);
                INSERT INTO tap_links.links (id, access_url, service_def, error_message, semantics, description,
                                             content_type, content_length, link_index) VALUES
                    ('1', 'https://data.example.org/sources/1.fits', NULL, NULL, '#this', 'The source''s image',
                     'application/fits', 2880, 0),
                    ('1', 'previews/1.png', NULL, NULL, '#preview', 'A preview', 'image/png', NULL, 1),
                    ('2', NULL, 'cutout', NULL, '#cutout', 'Cut out a region', 'application/fits', NULL, 0),
                    ('3', NULL, NULL, 'NotFoundFault: the image of source 3 was withdrawn', '#this', NULL, NULL, NULL, 0);
                INSERT INTO tap_links.id_columns (table_name, column_name) VALUES ('science.sources', 'id')
                ON CONFLICT DO NOTHING;
                """);
        refreshCatalogue();
    }

    /** The declaration would give every other test's results on science.sources a descriptor. */
    @AfterAll
    void forgetTheIdentifierColumn() {
        database().execute("DELETE FROM tap_links.id_columns WHERE table_name = 'science.sources'");
        refreshCatalogue();
    }

    private VOTableResponse links(String... namesAndValues) throws Exception {
        HttpResponse<String> response = get("/links" + query(namesAndValues));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return VOTableResponse.of(response);
    }

    @Test
    void theResponseIsAVOTableOfTheDataLinkMediaTypeWithTheStandardsFields() throws Exception {
        HttpResponse<String> response = get("/links" + query("ID", "1"));

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type.replace(" ", "")).isEqualTo("application/x-votable+xml;content=datalink"));
        VOTableResponse links = VOTableResponse.of(response);
        assertThat(links.fieldNames()).startsWith("ID", "access_url", "service_def", "error_message", "semantics",
                "description", "content_type", "content_length");
        assertThat(links.fields().get("ID").getAttribute("ucd")).isEqualTo("meta.id;meta.main");
        assertThat(links.fields().get("content_length").getAttribute("datatype")).isEqualTo("long");
        assertThat(links.fields().get("content_length").getAttribute("unit")).isEqualTo("byte");
        assertThat(links.infos("QUERY_STATUS")).containsExactly("OK");
    }

    @Test
    void eachLinkOfAnIdIsARowInTheArchivesOrderAndRelativeUrlsAreCompletedWithTheServiceUrl() throws Exception {
        VOTableResponse links = links("ID", "1");

        assertThat(links.column("ID")).containsExactly("1", "1");
        assertThat(links.column("semantics")).containsExactly("#this", "#preview");
        assertThat(links.column("access_url")).containsExactly("https://data.example.org/sources/1.fits",
                baseUrl() + "/previews/1.png");
        assertThat(links.column("content_length")).containsExactly("2880", null);
    }

    @Test
    void severalIdsAreAnsweredInTheOrderAskedEachIdsLinksTogether() throws Exception {
        VOTableResponse links = links("ID", "3", "ID", "1", "ID", "3");

        assertThat(links.column("ID")).containsExactly("3", "1", "1");
        assertThat(links.column("error_message").getFirst()).startsWith("NotFoundFault");
    }

    @Test
    void anUnknownIdGetsARowWithANotFoundFaultNotAnHttpError() throws Exception {
        VOTableResponse links = links("ID", "no-such-source", "ID", "1");

        List<String> first = links.rows().getFirst();
        assertThat(links.column("ID").getFirst()).isEqualTo("no-such-source");
        assertThat(links.column("semantics").getFirst()).isEqualTo("#this");
        assertThat(links.column("error_message").getFirst()).startsWith("NotFoundFault: ").contains("no-such-source");
        assertThat(links.column("access_url").getFirst()).isNull();
        assertThat(first).hasSize(links.fieldNames().size());
        assertThat(links.column("ID")).containsExactly("no-such-source", "1", "1");
    }

    @Test
    void noIdGivesAnEmptyTable() throws Exception {
        VOTableResponse links = links();

        assertThat(links.rows()).isEmpty();
        assertThat(links.infos("QUERY_STATUS")).containsExactly("OK");
    }

    @Test
    void maxrecCutsBetweenIdsNeverWithinTheLinksOfOneAndMarksTheOverflow() throws Exception {
        VOTableResponse links = links("ID", "2", "ID", "1", "MAXREC", "2");

        assertThat(links.column("ID")).containsExactly("2");
        assertThat(links.infos("QUERY_STATUS")).containsExactly("OK", "OVERFLOW");
    }

    @Test
    void aServiceDefRowComesWithTheDescriptorItNamesAfterTheTable() throws Exception {
        VOTableResponse links = links("ID", "2");

        assertThat(links.column("service_def")).containsExactly("cutout");
        List<Element> descriptors = links.serviceDescriptors();
        assertThat(descriptors).hasSize(1);
        Element cutout = descriptors.getFirst();
        assertThat(cutout.getAttribute("ID")).isEqualTo("cutout");
        assertThat(VOTableResponse.param(cutout, "accessURL").getAttribute("value")).isEqualTo("https://data.example.org/soda");
        assertThat(VOTableResponse.param(cutout, "standardID").getAttribute("value")).isEqualTo("ivo://ivoa.net/std/SODA#sync-1.0");
        assertThat(VOTableResponse.param(cutout, "CIRCLE").getAttribute("arraysize")).isEqualTo("3");
        assertThat(links(("ID"), "1").serviceDescriptors()).isEmpty();
    }

    @Test
    void postWithSeveralIdsAndResponseformatCsvIsAnswered() throws Exception {
        HttpResponse<String> response = postForm("/links", Map.of("ID", "1", "RESPONSEFORMAT", "csv"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/csv"));
        assertThat(response.body().lines().toList()).hasSize(3).first().asString().startsWith("ID,access_url");
    }

    @Test
    void theDataLinkMediaTypeAndVotableSelectTheStandardOutput() throws Exception {
        for (String format : List.of("votable", "application/x-votable+xml",
                "application/x-votable+xml;content=datalink")) {
            HttpResponse<String> response = get("/links" + query("ID", "1", "RESPONSEFORMAT", format));
            assertThat(response.statusCode()).as(format).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).contains("content=datalink"));
        }
    }

    @Test
    void anUnknownResponseformatIsAnErrorDocument() throws Exception {
        assertError(get("/links" + query("ID", "1", "RESPONSEFORMAT", "image/gif")), 400, "RESPONSEFORMAT");
        assertError(get("/links" + query("ID", "1", "MAXREC", "-1")), 400, "MAXREC");
    }

    @Test
    void aTapResultWithTheIdColumnCarriesALinksDescriptorWhoseIdParameterRefersToItsField() throws Exception {
        HttpResponse<String> response = get("/sync" + query("LANG", "ADQL", "RESPONSEFORMAT", "votable/td",
                "QUERY", "SELECT ra, id AS ident FROM science.sources"));
        VOTableResponse result = VOTableResponse.of(response);

        List<Element> descriptors = result.serviceDescriptors();
        assertThat(descriptors).hasSize(1);
        Element links = descriptors.getFirst();
        assertThat(VOTableResponse.param(links, "standardID").getAttribute("value"))
                .isEqualTo("ivo://ivoa.net/std/DataLink#links-1.1");
        assertThat(VOTableResponse.param(links, "accessURL").getAttribute("value")).isEqualTo(baseUrl() + "/links");
        Element id = VOTableResponse.param(links, "ID");
        assertThat(((Element) id.getParentNode()).getAttribute("name")).isEqualTo("inputParams");
        assertThat(id.getAttribute("ref")).isEqualTo(result.fields().get("ident").getAttribute("ID"));
    }

    @Test
    void aTapResultWithoutTheIdColumnHasNoDescriptor() throws Exception {
        HttpResponse<String> response = get("/sync" + query("LANG", "ADQL",
                "QUERY", "SELECT ra, id + 1 AS computed FROM science.sources"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("adhoc:service");
    }

    @Test
    void anAsyncResultCarriesTheDescriptorWithTheConfiguredPublicUrl() throws Exception {
        String job = completedJob("votable/td", "SELECT id, ra FROM science.sources");
        VOTableResponse result = VOTableResponse.of(get(job + "/results/result"));

        Element links = result.serviceDescriptors().getFirst();
        assertThat(VOTableResponse.param(links, "accessURL").getAttribute("value")).isEqualTo(PUBLIC_URL + "/links");
        assertThat(VOTableResponse.param(links, "ID").getAttribute("ref"))
                .isEqualTo(result.fields().get("id").getAttribute("ID"));
    }

    /**
     * A stored result written again in another VOTable serialization is what a direct answer in
     * it would be: the same descriptor, its ID parameter referring to the identifier's FIELD.
     */
    @ParameterizedTest
    @ValueSource(strings = {"votable/td", "votable/b", "application/x-votable+xml;serialization=TABLEDATA"})
    void anAsyncResultConvertedToAnotherVOTableSerializationKeepsItsDescriptor(String format) throws Exception {
        String query = "SELECT ra, id AS ident FROM science.sources ORDER BY ident";
        String job = completedJob("votable", query);

        VOTableResponse stored = VOTableResponse.of(get(job + "/results/result"));
        VOTableResponse converted = VOTableResponse.of(get(job + "/results/result" + query("RESPONSEFORMAT", format)));
        VOTableResponse sync = VOTableResponse.of(get("/sync" + query("LANG", "ADQL", "RESPONSEFORMAT", format,
                "QUERY", query)));

        assertThat(converted.serviceDescriptors()).hasSize(1);
        assertThat(descriptors(converted)).isEqualTo(descriptors(stored))
                // a sync answer names the links endpoint by the request's URL, an async one by the public URL
                .isEqualTo(descriptors(sync).replace(baseUrl() + "/links", PUBLIC_URL + "/links"));
        assertThat(VOTableResponse.param(converted.serviceDescriptors().getFirst(), "ID").getAttribute("ref"))
                .isEqualTo(converted.fields().get("ident").getAttribute("ID"));
    }

    @Test
    void anAsyncResultConvertedToCsvHasNoTraceOfTheDescriptor() throws Exception {
        String job = completedJob("votable", "SELECT id, ra FROM science.sources ORDER BY id");

        HttpResponse<String> csv = get(job + "/results/result" + query("RESPONSEFORMAT", "csv"));

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().findFirst()).contains("id,ra");
        assertThat(csv.body()).doesNotContain("links").doesNotContain(PUBLIC_URL);
    }

    /** The descriptor RESOURCEs as text, in document order. */
    private static String descriptors(VOTableResponse result) throws Exception {
        var text = new StringBuilder();
        Transformer serializer = TransformerFactory.newInstance().newTransformer();
        for (Element descriptor : result.serviceDescriptors()) {
            StringWriter out = new StringWriter();
            serializer.transform(new DOMSource(descriptor), new StreamResult(out));
            text.append(out);
        }
        return text.toString();
    }

    /** The path of a job that ran the query to COMPLETED with this RESPONSEFORMAT. */
    private String completedJob(String format, String query) throws Exception {
        HttpResponse<String> created = postForm("/async", Map.of("LANG", "ADQL", "PHASE", "RUN",
                "RESPONSEFORMAT", format, "QUERY", query));
        assertThat(created.statusCode()).isEqualTo(303);
        String job = created.headers().firstValue("Location").orElseThrow().substring(baseUrl().length());

        String phase = "";
        for (int wait = 0; wait < 20 && !phase.equals("COMPLETED"); wait++) {
            phase = VOTableResponse.of(get(job + "?WAIT=3")).elements("phase").getFirst().getTextContent();
            assertThat(phase).isNotIn("ERROR", "ABORTED");
        }
        assertThat(phase).isEqualTo("COMPLETED");
        return job;
    }
}

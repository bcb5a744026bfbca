package org.tapservice.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tapservice.api.RunningService;
import org.tapservice.api.VOTableResponse;
import org.w3c.dom.Element;

/**
 * Simple Cone Search 1.1 on the sample sources (ten sources at RA 10.0 to 10.9, DEC 10), each
 * test named after the sentence of the standard it checks.
 */
class ConeSearchEndpointTest extends RunningService {

    private static final String SOURCES = "/scs/science.sources";

    /** A published table with positions but no identifier column. */
    @BeforeAll
    void publishATableWithoutIdentifier() {
        database().execute("""
                CREATE TABLE IF NOT EXISTS science.unidentified (ra double precision, dec double precision);
                INSERT INTO tap_schema.tables (schema_name, table_name, table_type, description)
                VALUES ('science', 'science.unidentified', 'table', 'Positions without identifiers')
                ON CONFLICT DO NOTHING;
                INSERT INTO tap_schema.columns (table_name, column_name, datatype, unit, ucd, principal, column_index)
                VALUES ('science.unidentified', 'ra', 'double', 'deg', 'pos.eq.ra;meta.main', 1, 0),
                       ('science.unidentified', 'dec', 'double', 'deg', 'pos.eq.dec;meta.main', 1, 1)
                ON CONFLICT DO NOTHING;
                """);
        refreshCatalogue();
    }

    private VOTableResponse cone(String... namesAndValues) throws Exception {
        HttpResponse<String> response = get(SOURCES + query(namesAndValues));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return VOTableResponse.of(response);
    }

    /** A cone search error: the status, the Error INFO under VOTABLE (SCS) and QUERY_STATUS=ERROR (DALI). */
    private static void assertConeError(HttpResponse<String> response, int status, String message) {
        assertError(response, status, message);
        VOTableResponse document = VOTableResponse.of(response);
        Element root = document.document().getDocumentElement();
        Element error = document.elements("INFO").getFirst();
        assertThat(error.getParentNode()).isEqualTo(root);
        assertThat(error.getAttribute("name")).isEqualTo("Error");
        assertThat(error.getAttribute("value")).contains(message);
    }

    @Test
    void theServiceRespondsToRaDecAndSrWithTheSourcesInTheConeNearestFirst() throws Exception {
        HttpResponse<String> response = get(SOURCES + query("RA", "10.52", "DEC", "10", "SR", "0.2"));

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/x-votable+xml"));
        VOTableResponse result = VOTableResponse.of(response);
        assertThat(result.column("id")).containsExactly("5", "6", "4", "7");
        List<Double> distances = result.column("angdist").stream().map(Double::valueOf).toList();
        assertThat(distances).isSorted().allSatisfy(distance -> assertThat(distance).isLessThanOrEqualTo(0.2));
        assertThat(distances.getFirst()).isCloseTo(0.02 * Math.cos(Math.toRadians(10)), offset(1e-6));
    }

    @Test
    void exactlyOneFieldIsTheIdentifierAsACharacterArrayAndThePositionsCarryTheirUcds() throws Exception {
        VOTableResponse result = cone("RA", "10.5", "DEC", "10", "SR", "1");

        Map<String, Element> fields = result.fields();
        assertThat(fields.values().stream().filter(field -> field.getAttribute("ucd").equals("meta.id;meta.main")))
                .singleElement().satisfies(id -> {
                    assertThat(id.getAttribute("name")).isEqualTo("id");
                    assertThat(id.getAttribute("datatype")).isEqualTo("char");
                    assertThat(id.getAttribute("arraysize")).isEqualTo("*");
                });
        assertThat(fields.get("ra").getAttribute("ucd")).isEqualTo("pos.eq.ra;meta.main");
        assertThat(fields.get("dec").getAttribute("ucd")).isEqualTo("pos.eq.dec;meta.main");
        assertThat(fields.get("ra").getAttribute("datatype")).isEqualTo("double");
        assertThat(fields.get("angdist").getAttribute("unit")).isEqualTo("deg");
        assertThat(fields.get("angdist").getAttribute("ucd")).isEqualTo("pos.angDistance");
        assertThat(result.infos("QUERY_STATUS")).containsExactly("OK");
        assertThat(result.infos("SERVICE_PROTOCOL")).containsExactly("1.1");
    }

    @Test
    void maxrecZeroReturnsTheMetadataOnlyWithoutRequiringAPosition() throws Exception {
        VOTableResponse metadata = cone("MAXREC", "0");

        assertThat(metadata.rows()).isEmpty();
        assertThat(metadata.fieldNames()).contains("id", "ra", "dec", "angdist");
        assertThat(metadata.infos("QUERY_STATUS")).containsExactly("OK");
    }

    @Test
    void srZeroIsNoErrorButAnEmptyTable() throws Exception {
        VOTableResponse empty = cone("RA", "10.5", "DEC", "10", "SR", "0");

        assertThat(empty.rows()).isEmpty();
        assertThat(empty.fieldNames()).contains("id", "angdist");
    }

    @Test
    void maxrecLimitsTheRowsAndMarksTheOverflow() throws Exception {
        VOTableResponse limited = cone("RA", "10.5", "DEC", "10", "SR", "1", "MAXREC", "2");

        assertThat(limited.column("id")).containsExactly("5", "4");
        assertThat(limited.infos("QUERY_STATUS")).containsExactly("OK", "OVERFLOW");
    }

    @Test
    void anUnrecognisedParameterIsIgnoredAndNamedInAWarning() throws Exception {
        VOTableResponse result = cone("RA", "10.5", "DEC", "10", "SR", "0.05", "CAT", "x", "colour", "red");

        assertThat(result.column("id")).containsExactly("5");
        assertThat(result.infos("warning")).containsExactly("Unrecognized optional/custom parameters: CAT, colour");
    }

    @Test
    void verbChoosesTheColumnsOneMinimalTwoPrincipalThreeAll() throws Exception {
        assertThat(cone("RA", "10.5", "DEC", "10", "SR", "0.05", "VERB", "1").fieldNames())
                .containsExactly("id", "ra", "dec", "angdist");
        assertThat(cone("RA", "10.5", "DEC", "10", "SR", "0.05").fieldNames())
                .containsExactly("id", "ra", "dec", "mag", "angdist");
        assertThat(cone("RA", "10.5", "DEC", "10", "SR", "0.05", "VERB", "3").fieldNames())
                .containsExactly("id", "ra", "dec", "mag", "name", "flag", "seen", "angdist");
    }

    @Test
    void responseformatSelectsAnyFormatTheServiceWrites() throws Exception {
        HttpResponse<String> response = get(SOURCES + query("RA", "10.5", "DEC", "10", "SR", "0.05",
                "RESPONSEFORMAT", "csv"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().lines().toList()).containsExactly("id,ra,dec,mag,angdist", "5,10.5,10.0,17.0,0.0");
    }

    @Test
    void postIsAnsweredLikeGet() throws Exception {
        HttpResponse<String> response = postForm(SOURCES, Map.of("RA", "10.5", "DEC", "10", "SR", "0.05"));

        assertThat(VOTableResponse.of(response).column("id")).containsExactly("5");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            DEC=10&SR=1             | missing parameter: RA
            RA=10&SR=1              | missing parameter: DEC
            RA=10&DEC=10            | missing parameter: SR
            RA=as3f&DEC=10&SR=1     | RA must be a number
            RA=10&DEC=91&SR=1       | DEC must be between -90 and 90
            RA=361&DEC=10&SR=1      | RA must be between 0 and 360
            RA=10&DEC=10&SR=-1      | SR must not be negative
            RA=10&DEC=10&SR=11      | largest search radius
            RA=10&DEC=10&SR=1&VERB=4 | VERB must be 1, 2 or 3
            RA=10&DEC=10&SR=1&MAXREC=x | MAXREC must be a non-negative integer
            RA=10&DEC=10&SR=1&RESPONSEFORMAT=image/gif | unsupported RESPONSEFORMAT
            """)
    void aMissingUnparsableOrOutOfRangeParameterGivesTheErrorDocument(String parameters, String message)
            throws Exception {
        assertConeError(get(SOURCES + "?" + parameters), 400, message);
    }

    @Test
    void aTableWithoutAnIdentifierColumnHasNoConeSearchAndTheErrorSaysWhy() throws Exception {
        assertConeError(get("/scs/science.unidentified" + query("RA", "10", "DEC", "10", "SR", "1")), 404,
                "meta.id;meta.main");
        assertConeError(get("/scs/science.nosuchtable" + query("RA", "10", "DEC", "10", "SR", "1")), 404,
                "science.sources");
    }

    @Test
    void aConeOnATableWhoseIdentifierHasLinksCarriesTheLinksDescriptorBoundToIt() throws Exception {
        database().execute("INSERT INTO tap_links.id_columns (table_name, column_name) "
                + "VALUES ('science.sources', 'id') ON CONFLICT DO NOTHING");
        refreshCatalogue();

        VOTableResponse result = cone("RA", "10.5", "DEC", "10", "SR", "0.05");

        try {
            Element links = result.serviceDescriptors().getFirst();
            assertThat(VOTableResponse.param(links, "accessURL").getAttribute("value")).isEqualTo(baseUrl() + "/links");
            assertThat(VOTableResponse.param(links, "ID").getAttribute("ref"))
                    .isEqualTo(result.fields().get("id").getAttribute("ID"));
        } finally {
            // other tests' results on science.sources carry no descriptor
            database().execute("DELETE FROM tap_links.id_columns WHERE table_name = 'science.sources'");
            refreshCatalogue();
        }
    }

    @Test
    void theCapabilitiesDeclareAConeSearchPerTableAndTheLinksEndpoint() throws Exception {
        String capabilities = get("/capabilities").body();

        assertThat(capabilities).contains("standardID=\"ivo://ivoa.net/std/ConeSearch\"")
                .contains("<accessURL use=\"base\">" + baseUrl() + "/scs/science.sources</accessURL>")
                .doesNotContain("/scs/science.unidentified")
                .contains("standardID=\"ivo://ivoa.net/std/DataLink#links-1.1\"")
                .contains("<accessURL use=\"base\">" + baseUrl() + "/links</accessURL>");
    }
}

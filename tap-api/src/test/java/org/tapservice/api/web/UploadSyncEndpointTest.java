package org.tapservice.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tapservice.api.MultipartBody;
import org.tapservice.api.RunningService;
import org.tapservice.core.testing.TableServer;
import org.tapservice.core.testing.UploadedBytes;

import uk.ac.starlink.votable.DataFormat;

/**
 * TAP 1.1 section 3.3.5 over HTTP: a table sent as a part of a multipart sync request is
 * queried as TAP_UPLOAD.name, and every bad upload is a DALI error document, never a 500.
 */
class UploadSyncEndpointTest extends RunningService {

    private static final String CROSSMATCH = """
            SELECT u.id, s.id AS source FROM TAP_UPLOAD.pos AS u JOIN science.sources AS s
            ON 1 = CONTAINS(POINT('ICRS', u.ra, u.dec), CIRCLE('ICRS', s.ra, s.dec, 0.01))
            ORDER BY u.id""";

    private static final byte[] POSITIONS =
            UploadedBytes.votable(UploadedBytes.positions(), DataFormat.BINARY2).bytes();

    private HttpResponse<String> sync(String adql, String upload, MultipartBody parts) throws Exception {
        return postMultipart("/sync", parts.field("LANG", "ADQL").field("QUERY", adql).field("UPLOAD", upload)
                .field("RESPONSEFORMAT", "csv"));
    }

    @Test
    void uploadedPositionsAreCrossmatchedWithAPublishedTableByContainsPointCircle() throws Exception {
        HttpResponse<String> response = sync(CROSSMATCH, "pos,param:list",
                new MultipartBody().file("list", "positions.xml", "application/x-votable+xml", POSITIONS));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body().lines().toList()).containsExactly("id,source", "100,0", "105,5", "109,9");
    }

    @Test
    void aCsvPartWithoutAMediaTypeIsRecognisedAndQueried() throws Exception {
        HttpResponse<String> response = sync("SELECT name, ra FROM TAP_UPLOAD.t ORDER BY ra", "t,param:t",
                new MultipartBody().file("t", "t.csv", null, "name,ra\nb,2.5\na,1.5\n".getBytes()));

        assertThat(response.body().lines().toList()).containsExactly("name,ra", "a,1.5", "b,2.5");
    }

    @Test
    void aTableSentAsAFormFieldRatherThanAFileIsReadToo() throws Exception {
        HttpResponse<String> response = sync("SELECT COUNT(*) AS n FROM TAP_UPLOAD.t", "t,param:t",
                new MultipartBody().field("t", "n\n1\n2\n3\n"));

        assertThat(response.body().lines().toList()).containsExactly("n", "3");
    }

    @Test
    void aFormFieldOverTheContainersLimitIsABadRequestSayingSo() throws Exception {
        HttpResponse<String> response = sync("SELECT COUNT(*) AS n FROM TAP_UPLOAD.t", "t,param:t",
                new MultipartBody().field("t", "n\n" + "1\n".repeat(3_000_000)));

        assertError(response, 400, "exceeded the limit for maxPostSize");
        assertThat(response.body()).contains("sent as file parts");
    }

    @Test
    void theUploadedColumnsKeepTheirMetadataInTheResult() throws Exception {
        HttpResponse<String> response = postMultipart("/sync", new MultipartBody().field("LANG", "ADQL")
                .field("QUERY", "SELECT ra FROM TAP_UPLOAD.pos").field("UPLOAD", "pos,param:p")
                .file("p", "p.vot", "application/x-votable+xml", POSITIONS));

        assertThat(response.body()).contains("name=\"ra\"").contains("unit=\"deg\"").contains("ucd=\"pos.eq.ra\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            truncated VOTable | t,param:t       | text/xml         | <VOTABLE><RESOURCE><TABLE> | not a readable VOTable
            ragged CSV        | t,param:t       | text/csv         | a,b\\n1,2\\n3\\n           | Wrong number of columns
            not a FITS file   | t,param:t       | application/fits | id,ra\\n1,2\\n             | not a readable FITS table
            not an identifier | 2mass,param:t   | text/csv         | a\\n1\\n                   | not an ADQL identifier
            a reserved word   | select,param:t  | text/csv         | a\\n1\\n                   | not an ADQL identifier
            a missing part    | t,param:other   | text/csv         | a\\n1\\n                   | names no part of the request
            an unknown scheme | t,ftp://x/t.csv | text/csv         | a\\n1\\n                   | is neither param:
            """)
    void aBadUploadIsABadRequestWithAMessageSayingWhy(String what, String upload, String type, String content,
                                                        String message) throws Exception {
        HttpResponse<String> response = sync("SELECT * FROM TAP_UPLOAD.t", upload,
                new MultipartBody().file("t", "t", type, content.replace("\\n", "\n").getBytes()));

        assertError(response, 400, message);
    }

    @Test
    void aUrlOnTheLoopbackInterfaceIsRefusedByDefault() throws Exception {
        try (TableServer server = TableServer.start().serve("/t.csv", 200, "text/csv", "a\n1\n")) {
            HttpResponse<String> response = get("/sync" + query("LANG", "ADQL", "QUERY", "SELECT * FROM TAP_UPLOAD.t",
                    "UPLOAD", "t," + server.url("/t.csv")));

            assertError(response, 400, "a loopback, private, link-local or otherwise non-public address");
        }
    }

    @Test
    void theCapabilitiesListTheUploadMethodsAndLimit() throws Exception {
        HttpResponse<String> response = get("/capabilities");

        assertThat(response.body()).contains("<uploadMethod ivo-id=\"ivo://ivoa.net/std/TAPRegExt#upload-inline\"")
                .contains("#upload-http\"").contains("#upload-https\"").contains("<uploadLimit>");
    }
}

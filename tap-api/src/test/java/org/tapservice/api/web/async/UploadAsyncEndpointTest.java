package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapservice.api.web.async.UwsClient.elements;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tapservice.api.MultipartBody;
import org.tapservice.api.RunningService;
import org.tapservice.core.testing.UploadedBytes;
import org.w3c.dom.Element;

import uk.ac.starlink.votable.DataFormat;

/**
 * Async jobs with uploads (TAP 1.1 sections 3.3.5 and 4): the parts of the creating request are
 * kept in the shared store, so the job runs on whichever instance claims it, at once when
 * PHASE=RUN came with the parts.
 */
class UploadAsyncEndpointTest extends RunningService {

    private static final byte[] POSITIONS = UploadedBytes.votable(UploadedBytes.positions(), DataFormat.TABLEDATA)
            .bytes();

    private UwsClient uws;

    @BeforeAll
    void client() {
        uws = new UwsClient(baseUrl());
    }

    @Test
    void aJobCreatedWithPhaseRunAndAnUploadRunsAndSeesTheUploadedTable() throws Exception {
        String id = uws.create(new MultipartBody().field("LANG", "ADQL").field("RESPONSEFORMAT", "csv")
                .field("PHASE", "RUN").field("UPLOAD", "pos,param:list")
                .field("QUERY", """
                        SELECT u.id, s.id AS source FROM TAP_UPLOAD.pos AS u JOIN science.sources AS s
                        ON 1 = CONTAINS(POINT('ICRS', u.ra, u.dec), CIRCLE('ICRS', s.ra, s.dec, 0.01))
                        ORDER BY u.id""")
                .file("list", "positions.vot", "application/x-votable+xml", POSITIONS));

        assertThat(uws.awaitEnd(id)).isEqualTo("COMPLETED");
        assertThat(uws.get(uws.job(id) + "/results/result").body().lines().toList())
                .containsExactly("id,source", "100,0", "105,5", "109,9");
    }

    @Test
    void theUploadedTableIsAParameterByReferenceToItsStoredCopy() throws Exception {
        String id = uws.create(new MultipartBody().field("LANG", "ADQL").field("QUERY", "SELECT * FROM TAP_UPLOAD.pos")
                .field("UPLOAD", "pos,param:list")
                .file("list", "positions.vot", "application/x-votable+xml", POSITIONS));

        List<Element> parameters = elements(UwsClient.document(uws.get(uws.job(id) + "/parameters")), "parameter");
        assertThat(parameters).extracting(p -> p.getAttribute("id")).containsExactly("LANG", "QUERY", "UPLOAD", "list");
        Element list = parameters.getLast();
        assertThat(list.getAttribute("byReference")).isEqualTo("true");
        assertThat(list.getTextContent()).isEqualTo(uws.job(id) + "/uploads/list.vot");
        HttpResponse<byte[]> copy = uws.getBytes(list.getTextContent());
        assertThat(copy.statusCode()).isEqualTo(200);
        assertThat(copy.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-votable+xml");
        assertThat(copy.body()).isEqualTo(POSITIONS);
        assertThat(elements(uws.jobDocument(id), "result")).as("an upload is no result").isEmpty();
    }

    @Test
    void aBadUploadOfAnAsyncJobEndsItInErrorWithTheMessageSyncGives() throws Exception {
        String id = uws.create(new MultipartBody().field("LANG", "ADQL").field("QUERY", "SELECT * FROM TAP_UPLOAD.t")
                .field("PHASE", "RUN").field("UPLOAD", "t,param:t")
                .file("t", "t.csv", "text/csv", "a,b\n1,2\n3\n".getBytes()));

        assertThat(uws.awaitEnd(id)).isEqualTo("ERROR");
        assertThat(uws.get(uws.job(id) + "/error").body()).contains("upload 't' is not a readable CSV table");
    }

    @Test
    void uploadsAreDeletedWithTheirJob() throws Exception {
        String id = uws.create(new MultipartBody().field("LANG", "ADQL").field("QUERY", "SELECT * FROM TAP_UPLOAD.t")
                .field("UPLOAD", "t,param:t").file("t", "t.csv", "text/csv", "a\n1\n".getBytes()));
        String copy = uws.job(id) + "/uploads/t.csv";
        assertThat(uws.get(copy).statusCode()).isEqualTo(200);

        uws.delete(uws.job(id));

        assertThat(uws.get(copy).statusCode()).isEqualTo(404);
        assertThat(database().queryForLong("SELECT count(*) FROM tap_uws.stored_results WHERE job_id = '" + id + "'"))
                .isZero();
    }
}

package org.tapservice.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tapservice.api.MultipartBody;
import org.tapservice.api.RunningService;
import org.tapservice.core.testing.TableServer;

/**
 * A deployment that allows the loopback network for uploads by URL (as one whose tables sit on
 * an internal host would allow its network), and keeps uploads small.
 */
class UploadFromUrlTest extends RunningService {

    private static final int MAX_BYTES = 64 * 1024;

    @DynamicPropertySource
    static void uploads(DynamicPropertyRegistry registry) {
        registry.add("tap.upload.url.allowed-networks", () -> "127.0.0.0/8,::1/128");
        registry.add("tap.upload.max-bytes", () -> MAX_BYTES + "B");
    }

    @Test
    void aTableOnAnAllowedNetworkIsFetchedAndQueried() throws Exception {
        try (TableServer server = TableServer.start()
                .serve("/stars.csv", 200, "text/csv", "ra,dec\n10.5,10.0\n10.9,10.0\n")) {
            HttpResponse<String> response = get("/sync" + query("LANG", "ADQL", "RESPONSEFORMAT", "csv", "UPLOAD",
                    "mine," + server.url("/stars.csv"), "QUERY", """
                            SELECT s.id FROM TAP_UPLOAD.mine AS m JOIN science.sources AS s
                            ON 1 = CONTAINS(POINT(s.ra, s.dec), CIRCLE(m.ra, m.dec, 0.01)) ORDER BY s.id"""));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body().lines().toList()).containsExactly("id", "5", "9");
        }
    }

    @Test
    void aRequestBodyOverTheUploadLimitIsABadRequestNamingTheLimit() throws Exception {
        byte[] large = ("n\n" + "1\n".repeat(MAX_BYTES)).getBytes();

        HttpResponse<String> response = postMultipart("/sync", new MultipartBody().field("LANG", "ADQL")
                .field("QUERY", "SELECT COUNT(*) FROM TAP_UPLOAD.t").field("UPLOAD", "t,param:t")
                .file("t", "t.csv", "text/csv", large));

        assertError(response, 400, "at most " + MAX_BYTES + " bytes");
    }

    @Test
    void theCapabilitiesPublishTheConfiguredLimit() throws Exception {
        assertThat(get("/capabilities").body()).contains("<hard unit=\"byte\">" + MAX_BYTES + "</hard>");
    }
}

package org.tapservice.core.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.testing.TableServer;
import org.tapservice.core.testing.TestUploads;

/**
 * Uploads given by URL (DALI 3.4.5): fetched from public hosts only unless the operator allows
 * a network, every redirect checked again, within a size and a time limit. The host here is a
 * small HTTP server on the loopback interface, which the default policy refuses.
 */
class RemoteTableFetcherTest {

    private static final String CSV = "id,ra,dec\n1,10.0,10.0\n";
    private static final AddressPolicy LOOPBACK_ALLOWED = new AddressPolicy(List.of(NetworkRange.parse("127.0.0.1/32")));

    private TableServer server;

    @BeforeEach
    void startServer() {
        server = TableServer.start()
                .serve("/t.csv", 200, "text/csv", CSV)
                .redirect("/moved", "/t.csv")
                .redirect("/loop", "/loop")
                .serve("/missing", 404, "text/plain", "no such table")
                .serve("/large", 200, "text/csv", "n\n" + "1\n".repeat(1000))
                .hang("/slow");
        server.redirect("/elsewhere", "http://127.0.0.2:" + server.port() + "/t.csv");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private URI url(String path) {
        return server.url(path);
    }

    /** A time limit a busy build machine cannot reach by accident: /slow hangs for ever instead. */
    private static RemoteTableFetcher fetcher(AddressPolicy addresses) {
        return new RemoteTableFetcher(new RemoteTableSettings(Duration.ofSeconds(5), Duration.ofSeconds(4), 3,
                addresses));
    }

    @Test
    void byDefaultALoopbackHostIsRefusedBeforeAnyConnection() {
        assertRefused(RemoteTableFetcher::fetch, new RemoteTableFetcher(TestUploads.REMOTE),
                url("/t.csv"), "the host 127.0.0.1 has the address 127.0.0.1, a loopback, private");
        assertRefused(RemoteTableFetcher::fetch, new RemoteTableFetcher(TestUploads.REMOTE),
                URI.create("http://localhost:" + server.port() + "/t.csv"), "a loopback, private");
    }

    @Test
    void aNetworkTheOperatorAllowsIsFetchedFromWithTheMediaTypeSent() throws IOException {
        SpooledTable table = fetcher(LOOPBACK_ALLOWED).fetch("t", url("/t.csv"), 1000);

        try (table; InputStream in = table.open()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(CSV);
            assertThat(table.contentType()).contains("text/csv");
            assertThat(table.size()).hasValue(CSV.length());
        }
    }

    @Test
    void aRedirectIsFollowedAndItsTargetCheckedLikeTheFirstUrl() throws IOException {
        try (SpooledTable table = fetcher(LOOPBACK_ALLOWED).fetch("t", url("/moved"), 1000)) {
            assertThat(table.size()).hasValue(CSV.length());
        }
        assertRefused(RemoteTableFetcher::fetch, fetcher(LOOPBACK_ALLOWED), url("/elsewhere"),
                "the host 127.0.0.2 has the address 127.0.0.2");
        assertRefused(RemoteTableFetcher::fetch, fetcher(LOOPBACK_ALLOWED), url("/loop"), "it redirects more than 3 times");
    }

    @Test
    void aTableLargerThanTheUploadLimitIsRefused() {
        assertRefused(RemoteTableFetcher::fetch, fetcher(LOOPBACK_ALLOWED), url("/large"),
                "it is larger than this service's upload limit of 1000 bytes");
    }

    @Test
    void aHostThatDoesNotAnswerWithinTheTimeLimitIsGivenUpOn() {
        assertRefused(RemoteTableFetcher::fetch, fetcher(LOOPBACK_ALLOWED), url("/slow"),
                "the download took longer than 4 s");
    }

    @Test
    void anAnswerOtherThanOkIsRefusedWithItsStatus() {
        assertRefused(RemoteTableFetcher::fetch, fetcher(LOOPBACK_ALLOWED), url("/missing"),
                "the server answered HTTP 404");
    }

    @FunctionalInterface
    private interface Fetch {
        SpooledTable fetch(RemoteTableFetcher fetcher, String table, URI url, long maxBytes) throws IOException;
    }

    private static void assertRefused(Fetch fetch, RemoteTableFetcher fetcher, URI url, String message) {
        assertThatThrownBy(() -> fetch.fetch(fetcher, "t", url, 1000))
                .isInstanceOfSatisfying(TapException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageStartingWith("upload 't' from ")
                .hasMessageContaining(message);
    }
}

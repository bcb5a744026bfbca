package org.tapservice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.tapservice.api.admin.demo.DemoLoader;
import org.tapservice.api.admin.obscore.DemoObsCore;
import org.tapservice.api.admin.obscore.ObsCoreAdmin;
import org.tapservice.api.admin.publish.PgCatalog;
import org.tapservice.api.admin.publish.ReaderGrants;
import org.tapservice.api.admin.publish.TablePublisher;
import org.tapservice.api.admin.publish.TapSchemaStore;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.testing.SampleCatalogue;
import org.tapservice.core.testing.TestDatabase;

/**
 * The whole service on a random port over a throwaway PostgreSQL database that Flyway
 * migrates at start-up, with the sample catalogue published. Tests talk HTTP to it, as
 * clients do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RunningService {

    private static final TestDatabase DATABASE = TestDatabase.createBare();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    /** tap.datalink.public-url: the URL async results give for the links endpoint. */
    protected static final String PUBLIC_URL = "https://archive.example.org/tap";
    private static final String NAMESPACE = "tap-test:" + UUID.randomUUID();

    static {
        // Spring caches the context across test classes, so the database lives as long as the JVM.
        Runtime.getRuntime().addShutdownHook(new Thread(DATABASE::close));
    }

    /** Flyway creates TAP_SCHEMA when the first context starts; the sample goes in after that, once. */
    private static boolean sampleInstalled;

    @LocalServerPort
    private int port;

    @Autowired
    private CatalogCache catalogs;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private TransactionTemplate transactions;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("tap.maxrec.default-value", () -> "1000");
        // two rows per round trip, so ten rows already stream in several batches
        registry.add("tap.archive.fetch-size", () -> "2");
        // this JVM's own Redis keys, and UWS limits short enough to test
        registry.add("tap.uws.namespace", () -> NAMESPACE);
        registry.add("tap.uws.limits.wait-cap", () -> "3s");
        registry.add("tap.uws.lease-time", () -> "3s");
        // async results name the links endpoint by the public URL (sync ones by the request's)
        registry.add("tap.datalink.public-url", () -> PUBLIC_URL);
    }

    @BeforeAll
    void publishSampleCatalogue() {
        if (!sampleInstalled) {
            SampleCatalogue.install(DATABASE);
            sampleInstalled = true;
        }
        catalogs.invalidate();
    }


    /** The namespace of the service's Redis keys (tap.uws.namespace), without a trailing colon. */
    protected String namespace() {
        return NAMESPACE;
    }

    /** The test database the service runs on, for set-up and for checks behind the service's back. */
    protected TestDatabase database() {
        return DATABASE;
    }

    /**
     * When the database server last started or reinitialized, in microseconds since the epoch. A
     * backend that crashes makes PostgreSQL end every connection of the server, other users' too,
     * and reinitialize; the service then answers 503, which alone would not tell a crash from a
     * busy database. The postmaster survives that ({@code pg_postmaster_start_time()} stays the
     * same); the checkpointer is started anew, so its start time is what tells.
     */
    protected long databaseServerStart() {
        return DATABASE.queryForLong("SELECT CAST(extract(epoch FROM backend_start) * 1000000 AS bigint)"
                + " FROM pg_stat_activity WHERE backend_type = 'checkpointer'");
    }

    /** Makes the service re-read TAP_SCHEMA now, after a test published a table. */
    protected void refreshCatalogue() {
        catalogs.invalidate();
    }

    /** Loads and publishes demo.stars with this many rows, as {@code tap admin demo} does. */
    protected void loadDemoCatalogue(long rows) {
        new DemoLoader(dataSource, jdbc, transactions, publisher()).load(rows);
        refreshCatalogue();
    }

    /** The demo ObsCore collection (a few synthetic images and spectra) in ivoa.obscore. */
    protected void loadDemoObsCore() {
        new DemoObsCore(new ObsCoreAdmin(dataSource, publisher())).load();
        refreshCatalogue();
    }

    private TablePublisher publisher() {
        return new TablePublisher(new PgCatalog(jdbc), new TapSchemaStore(jdbc), transactions, ReaderGrants.none(jdbc));
    }

    protected String baseUrl() {
        return "http://localhost:" + port + "/tap";
    }

    protected HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> postForm(String path, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> postMultipart(String path, Map<String, String> fields)
            throws IOException, InterruptedException {
        MultipartBody body = new MultipartBody();
        fields.forEach(body::field);
        return postMultipart(path, body);
    }

    protected HttpResponse<String> postMultipart(String path, MultipartBody body)
            throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", body.contentType())
                .POST(body.publisher()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A DALI error document (a VOTable with QUERY_STATUS=ERROR) with this status and words in its message. */
    protected static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-votable+xml"));
        assertThat(response.body()).contains("name=\"QUERY_STATUS\" value=\"ERROR\"").contains(message);
    }

    protected static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A GET query string from name/value pairs. */
    protected static String query(String... namesAndValues) {
        StringBuilder query = new StringBuilder("?");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.append(i == 0 ? "" : "&").append(encode(namesAndValues[i])).append('=')
                    .append(encode(namesAndValues[i + 1]));
        }
        return query.toString();
    }
}

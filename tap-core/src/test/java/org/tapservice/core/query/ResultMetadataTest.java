package org.tapservice.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tapservice.adql.AdqlTranslator;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TapSchemaLoader;
import org.tapservice.core.tap.QueryRequest;
import org.tapservice.core.testing.TestDatabase;
import org.tapservice.core.testing.TestUploads;
import org.tapservice.votable.FormatReaders;
import org.tapservice.votable.ResultFormats;
import org.tapservice.votable.WriteSummary;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The metadata of a result (TAP 1.1 section 4, DALI 1.1 section 5.4): QUERY_STATUS OK, OVERFLOW
 * or ERROR, the request echoed in INFOs, a FIELD with an ID and the TAP_SCHEMA metadata of
 * every column, computed ones included, and a COOSYS or TIMESYS for columns with a frame.
 */
class ResultMetadataTest {

    private static TestDatabase database;
    private static HikariDataSource archive;
    private static QueryEngine engine;

    @BeforeAll
    static void createTable() {
        database = TestDatabase.create();
        EveryPostgresType.install(database);
        archive = database.archive(Duration.ofSeconds(30));
        // two rows per fetch: the three rows come through a cursor in two round trips
        engine = new QueryEngine(archive, new AdqlTranslator(), new CatalogCache(new TapSchemaLoader(database.dataSource()),
                Duration.ofHours(1), Clock.systemUTC()), ResultFormats.standard(), new ExecutionSettings(2),
                TestUploads.standard());
    }

    @AfterAll
    static void drop() {
        archive.close();
        database.close();
    }

    private record Response(byte[] body, WriteSummary summary) {
    }

    private static Response run(QueryRequest request) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        WriteSummary summary = engine.execute(request, type -> body);
        return new Response(body.toByteArray(), summary);
    }

    private static Response run(String adql, long maxrec, String format) throws IOException {
        return run(new QueryRequest(adql, maxrec, Optional.of(format), Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"votable/b2", "votable/td", "votable/b", "csv", "tsv", "fits", "parquet", "html"})
    void aResultCutAtMaxrecHasExactlyMaxrecRowsInEveryFormat(String format) throws IOException {
        Response response = run("SELECT id, note, poly FROM types.every_type ORDER BY id", 2, format);

        assertThat(response.summary()).isEqualTo(new WriteSummary(2, true));
        assertThat(FormatReaders.rows(FormatReaders.read(format, response.body())))
                .extracting(row -> String.valueOf(row[0])).containsExactly("1", "2");
    }

    @Test
    void anOverflowIsQueryStatusOverflowAfterTheTable() throws IOException {
        List<String> outline = resourceOutline(run("SELECT id FROM types.every_type", 2, "votable").body());

        assertThat(outline.getFirst()).isEqualTo("INFO:QUERY_STATUS=OK");
        assertThat(outline.getLast()).isEqualTo("INFO:QUERY_STATUS=OVERFLOW");
        assertThat(outline.indexOf("TABLE")).isEqualTo(outline.size() - 2);
    }

    @Test
    void aResultOfMaxrecRowsExactlyIsNoOverflow() throws IOException {
        Response response = run("SELECT id FROM types.every_type", 3, "votable");

        assertThat(response.summary()).isEqualTo(new WriteSummary(3, false));
        assertThat(resourceOutline(response.body())).doesNotContain("INFO:QUERY_STATUS=OVERFLOW");
    }

    @Test
    void theRequestTheQueryTheServiceVersionAndTheDateAreInfosAfterQueryStatus() throws IOException {
        String adql = "SELECT id FROM types.every_type WHERE id < 3";
        Instant before = Instant.now().minusSeconds(1);

        Document document = parse(run(new QueryRequest(adql, 10, Optional.of("votable/td"), Optional.of("run-7"))).body());

        Map<String, String> infos = infos(document);
        assertThat(infos).containsEntry("QUERY_STATUS", "OK").containsEntry("REQUEST", "doQuery")
                .containsEntry("LANG", "ADQL").containsEntry("QUERY", adql).containsEntry("MAXREC", "10")
                .containsEntry("RESPONSEFORMAT", "votable/td").containsEntry("RUNID", "run-7")
                .containsEntry("SERVICE_PROTOCOL", "1.1")
                .containsEntry("SERVICE_VERSION", ResultInfos.SERVICE_VERSION);
        assertThat(ResultInfos.SERVICE_VERSION).isNotBlank().doesNotContain("@");
        assertThat(Instant.parse(infos.get("REQUEST_DATE"))).isBetween(before, Instant.now());
        assertThat(new ArrayList<>(infos.keySet()).getFirst()).isEqualTo("QUERY_STATUS");
    }

    @Test
    void aFailureAfterTheFirstRowsEndsTheVOTableWithQueryStatusError() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        // rows 1 and 2 arrive in the first fetch; row 3 divides by zero in the second
        QueryRequest failing = new QueryRequest("SELECT id, 1 / (id - 3) AS boom FROM types.every_type", 100,
                Optional.of("votable"), Optional.empty());

        assertThatThrownBy(() -> engine.execute(failing, type -> body))
                .isInstanceOfSatisfying(QueryFailedException.class, e -> assertThat(e.isMarkedInDocument()).isTrue());

        List<String> outline = resourceOutline(body.toByteArray());
        assertThat(outline.getFirst()).isEqualTo("INFO:QUERY_STATUS=OK");
        assertThat(outline.getLast()).isEqualTo("INFO:QUERY_STATUS=ERROR");
        assertThat(body.toString(StandardCharsets.UTF_8)).contains("division by zero");
    }

    @Test
    void everyFieldHasAUniqueIdAndSelectedColumnsTheirTapSchemaMetadata() throws IOException {
        List<Element> fields = fields(parse(run("SELECT id, dbl, seen FROM types.every_type", 10, "votable").body()));

        assertThat(fields).extracting(field -> field.getAttribute("ID")).containsExactly("id", "dbl", "seen");
        Element dbl = fields.get(1);
        assertThat(dbl.getAttribute("unit")).isEqualTo("deg");
        assertThat(dbl.getAttribute("ucd")).isEqualTo("pos.eq.ra");
        assertThat(dbl.getElementsByTagNameNS("*", "DESCRIPTION").item(0).getTextContent()).isEqualTo("a double precision column");
    }

    @Test
    void computedColumnsAreDescribedByTheirTypeAndGeometryIsInDegrees() throws IOException {
        List<Element> fields = fields(parse(run("SELECT small * 2 AS twice, POINT(dbl, 10) AS pt, dbl AS renamed,"
                + " CIRCLE(pos, 1) AS c FROM types.every_type", 10, "votable").body()));

        assertThat(fields).extracting(field -> field.getAttribute("name") + ":" + field.getAttribute("datatype") + ":"
                        + field.getAttribute("arraysize") + ":" + field.getAttribute("xtype") + ":" + field.getAttribute("unit"))
                .containsExactly("twice:int:::", "pt:double:2:point:deg", "renamed:double:::deg", "c:double:3:circle:deg");
    }

    @Test
    void positionsReferToAnIcrsCoosysAndTimestampsToAUtcTimesys() throws IOException {
        Document document = parse(run("SELECT pos, POINT(dbl, 10) AS pt, dbl, seen, whole FROM types.every_type", 10,
                "votable").body());

        Map<String, String> frames = new LinkedHashMap<>();
        NodeList coosys = document.getElementsByTagNameNS("*", "COOSYS");
        for (int i = 0; i < coosys.getLength(); i++) {
            frames.put(((Element) coosys.item(i)).getAttribute("ID"), ((Element) coosys.item(i)).getAttribute("system"));
        }
        NodeList timesys = document.getElementsByTagNameNS("*", "TIMESYS");
        for (int i = 0; i < timesys.getLength(); i++) {
            frames.put(((Element) timesys.item(i)).getAttribute("ID"), ((Element) timesys.item(i)).getAttribute("timescale"));
        }
        assertThat(fields(document)).extracting(field -> frames.getOrDefault(field.getAttribute("ref"), "none"))
                .containsExactly("ICRS", "ICRS", "ICRS", "UTC", "none");
    }

    private static Document parse(byte[] document) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(document));
        } catch (Exception e) {
            throw new AssertionError("not a well-formed document: " + e.getMessage(), e);
        }
    }

    /** The children of the results RESOURCE: "INFO:QUERY_STATUS=OK", "RESOURCE", "TABLE"... */
    private static List<String> resourceOutline(byte[] document) {
        Element results = (Element) parse(document).getElementsByTagNameNS("*", "RESOURCE").item(0);
        List<String> outline = new ArrayList<>();
        for (var child = results.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                outline.add(element.getLocalName().equals("INFO")
                        ? "INFO:" + element.getAttribute("name") + "=" + element.getAttribute("value")
                        : element.getLocalName());
            }
        }
        return outline;
    }

    private static Map<String, String> infos(Document document) {
        Element results = (Element) document.getElementsByTagNameNS("*", "RESOURCE").item(0);
        Map<String, String> infos = new LinkedHashMap<>();
        for (var child = results.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getLocalName().equals("INFO")) {
                infos.put(element.getAttribute("name"), element.getAttribute("value"));
            }
        }
        return infos;
    }

    private static List<Element> fields(Document document) {
        NodeList nodes = document.getElementsByTagNameNS("*", "FIELD");
        List<Element> fields = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            fields.add((Element) nodes.item(i));
        }
        return fields;
    }
}

package org.tapservice.core.uws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.bootstrap.DOMImplementationRegistry;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;

/**
 * The UWS documents against the UWS 1.1 schema, and their structure checked by hand as well
 * (the schema cannot say, for instance, that the version attribute it leaves optional is
 * there). The schema is the IVOA's UWS-v1.1.xsd as CADC's cadc-uws jar ships it, with the
 * XLink schema it imports from the same jar, so no test touches the network.
 */
class UwsDocumentsTest {

    private static final String UWS = UwsDocuments.UWS;
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String JOBS_URL = "https://tap.example.org/tap/async";
    private static final Instant T0 = Instant.parse("2030-01-02T03:04:05.678Z");

    private static Schema schema;

    private final UwsDocuments documents = new UwsDocuments();
    private final SecureRandom random = new SecureRandom();

    @BeforeAll
    static void loadSchema() throws Exception {
        URL uws = UwsDocumentsTest.class.getClassLoader().getResource("UWS-v1.1.xsd");
        URL xlink = UwsDocumentsTest.class.getClassLoader().getResource("XLINK.xsd");
        assertThat(uws).as("UWS-v1.1.xsd from the cadc-uws test dependency").isNotNull();
        assertThat(xlink).as("XLINK.xsd from the cadc-uws test dependency").isNotNull();
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        DOMImplementationLS ls = (DOMImplementationLS) DOMImplementationRegistry.newInstance().getDOMImplementation("LS");
        // the UWS schema imports XLink from www.ivoa.net: answer with the local copy instead
        factory.setResourceResolver(new LSResourceResolver() {
            @Override
            public LSInput resolveResource(String type, String namespace, String publicId, String systemId,
                                           String baseUri) {
                if (!"http://www.w3.org/1999/xlink".equals(namespace)) {
                    return null;
                }
                LSInput input = ls.createLSInput();
                input.setSystemId(xlink.toExternalForm());
                try {
                    input.setByteStream(xlink.openStream());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return input;
            }
        });
        try (InputStream in = uws.openStream()) {
            schema = factory.newSchema(new StreamSource(in, uws.toExternalForm()));
        }
    }

    @Test
    void aJobWithEveryFieldIsAValidUwsJobWithItsElementsInSchemaOrder() throws Exception {
        Job job = fullJob();

        Document document = validated(write(out -> documents.writeJob(job, JOBS_URL, out)));

        Element root = document.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(UWS);
        assertThat(root.getLocalName()).isEqualTo("job");
        assertThat(root.getAttribute("version")).isEqualTo("1.1");
        assertThat(childNames(root)).containsExactly("jobId", "runId", "ownerId", "phase", "quote", "creationTime",
                "startTime", "endTime", "executionDuration", "destruction", "parameters", "results", "errorSummary");
        assertThat(text(root, "jobId")).isEqualTo(job.id().value());
        assertThat(text(root, "runId")).isEqualTo("my run");
        assertThat(text(root, "ownerId")).isEqualTo("ivo://example.org/alice");
        assertThat(text(root, "phase")).isEqualTo("ERROR");
        assertThat(text(root, "quote")).isEqualTo("2030-01-02T03:04:35.678Z");
        assertThat(text(root, "creationTime")).isEqualTo("2030-01-02T03:04:05.678Z");
        assertThat(text(root, "startTime")).isEqualTo("2030-01-02T03:04:06.678Z");
        assertThat(text(root, "endTime")).isEqualTo("2030-01-02T03:04:07.678Z");
        assertThat(text(root, "executionDuration")).isEqualTo("600");
        assertThat(text(root, "destruction")).isEqualTo("2030-01-09T03:04:05.678Z");
    }

    @Test
    void parametersKeepTheirOrderCaseAndReference() throws Exception {
        Document document = validated(write(out -> documents.writeJob(fullJob(), JOBS_URL, out)));

        List<Element> parameters = children(child(document.getDocumentElement(), "parameters"));
        assertThat(parameters).extracting(p -> p.getAttribute("id")).containsExactly("LANG", "query", "UPLOAD");
        assertThat(parameters).extracting(Node::getTextContent)
                .containsExactly("ADQL", "SELECT * FROM t WHERE a < 1 & b > 2", "t1,http://example.org/t1.xml");
        assertThat(parameters.get(2).getAttribute("byReference")).isEqualTo("true");
        assertThat(parameters.get(0).hasAttribute("byReference")).isFalse();
    }

    @Test
    void resultsLinkToTheirResourceUnderTheJob() throws Exception {
        Job job = fullJob();

        Document document = validated(write(out -> documents.writeJob(job, JOBS_URL + "/", out)));

        Element result = children(child(document.getDocumentElement(), "results")).getFirst();
        assertThat(result.getAttribute("id")).isEqualTo("result");
        assertThat(result.getAttributeNS("http://www.w3.org/1999/xlink", "href"))
                .isEqualTo(JOBS_URL + "/" + job.id() + "/results/result");
        assertThat(result.getAttribute("size")).isEqualTo("1234");
        assertThat(result.getAttribute("mime-type")).isEqualTo("application/x-votable+xml");
    }

    @Test
    void theErrorSummaryCarriesItsTypeInLowerCaseAndTheMessage() throws Exception {
        Document document = validated(write(out -> documents.writeJob(fullJob(), JOBS_URL, out)));

        Element summary = child(document.getDocumentElement(), "errorSummary");
        assertThat(summary.getAttribute("type")).isEqualTo("fatal");
        assertThat(summary.getAttribute("hasDetail")).isEqualTo("true");
        assertThat(text(summary, "message")).isEqualTo("column 'x' does not exist");
    }

    @Test
    void anAnonymousPendingJobHasANilOwnerAndNilTimes() throws Exception {
        Job job = Job.pending(JobId.random(random), Optional.empty(), Optional.empty(), List.of(), T0, Duration.ZERO,
                T0.plusSeconds(60));

        Document document = validated(write(out -> documents.writeJob(job, JOBS_URL, out)));

        Element root = document.getDocumentElement();
        assertThat(childNames(root)).containsExactly("jobId", "ownerId", "phase", "quote", "creationTime",
                "startTime", "endTime", "executionDuration", "destruction", "parameters", "results");
        for (String nil : List.of("ownerId", "quote", "startTime", "endTime")) {
            Element element = child(root, nil);
            assertThat(element.getAttributeNS(XSI, "nil")).as(nil).isEqualTo("true");
            assertThat(element.getTextContent()).as(nil).isEmpty();
        }
        assertThat(text(root, "executionDuration")).isEqualTo("0");
        assertThat(children(child(root, "results"))).isEmpty();
    }

    @Test
    void charactersXmlCannotCarryAreReplacedRatherThanBreakingTheDocument() throws Exception {
        Job job = Job.pending(JobId.random(random), Optional.empty(), Optional.of("run\u0001"),
                List.of(Parameter.of("QUERY", "SELECT '\u0000' -- \uD83D\uDE00 \uD800")), T0, Duration.ZERO, T0);

        Document document = validated(write(out -> documents.writeJob(job, JOBS_URL, out)));

        assertThat(text(document.getDocumentElement(), "runId")).isEqualTo("run\uFFFD");
        assertThat(children(child(document.getDocumentElement(), "parameters")).getFirst().getTextContent())
                .isEqualTo("SELECT '\uFFFD' -- \uD83D\uDE00 \uFFFD");
    }

    @Test
    void aJobListHasAReferenceToEachJobInTheGivenOrder() throws Exception {
        JobRef alice = new JobRef(JobId.random(random), ExecutionPhase.EXECUTING, Optional.of("r"),
                Optional.of("alice"), T0.plusSeconds(1));
        JobRef anonymous = new JobRef(JobId.random(random), ExecutionPhase.PENDING, Optional.empty(),
                Optional.empty(), T0);

        Document document = validated(write(out -> documents.writeJobList(new JobPage(List.of(alice, anonymous)),
                JOBS_URL, out)));

        Element root = document.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("jobs");
        assertThat(root.getAttribute("version")).isEqualTo("1.1");
        List<Element> refs = children(root);
        assertThat(refs).extracting(Element::getLocalName).containsExactly("jobref", "jobref");
        assertThat(refs.get(0).getAttribute("id")).isEqualTo(alice.id().value());
        assertThat(refs.get(0).getAttributeNS("http://www.w3.org/1999/xlink", "href"))
                .isEqualTo(JOBS_URL + "/" + alice.id());
        assertThat(childNames(refs.get(0))).containsExactly("phase", "runId", "ownerId", "creationTime");
        assertThat(text(refs.get(0), "phase")).isEqualTo("EXECUTING");
        assertThat(text(refs.get(0), "creationTime")).isEqualTo("2030-01-02T03:04:06.678Z");
        assertThat(childNames(refs.get(1))).containsExactly("phase", "ownerId", "creationTime");
        assertThat(child(refs.get(1), "ownerId").getAttributeNS(XSI, "nil")).isEqualTo("true");
    }

    @Test
    void anEmptyJobListIsValid() throws Exception {
        Document document = validated(write(out -> documents.writeJobList(new JobPage(List.of()), JOBS_URL, out)));

        assertThat(children(document.getDocumentElement())).isEmpty();
    }

    @Test
    void theResultsAndParametersResourcesAreValidOnTheirOwn() throws Exception {
        Job job = fullJob();

        Document results = validated(write(out -> documents.writeResults(job, JOBS_URL, out)));
        Document parameters = validated(write(out -> documents.writeParameters(job, out)));

        assertThat(results.getDocumentElement().getLocalName()).isEqualTo("results");
        assertThat(children(results.getDocumentElement())).hasSize(1);
        assertThat(parameters.getDocumentElement().getLocalName()).isEqualTo("parameters");
        assertThat(children(parameters.getDocumentElement())).hasSize(3);
    }

    @Test
    void theSchemaCheckItselfRejectsElementsOutOfOrder() throws Exception {
        String swapped = new String(write(out -> documents.writeJob(fullJob(), JOBS_URL, out)), StandardCharsets.UTF_8)
                .replaceFirst("(<uws:runId>[^<]*</uws:runId>)(<uws:ownerId>[^<]*</uws:ownerId>)", "$2$1");
        assertThat(swapped).contains("</uws:ownerId><uws:runId>");

        assertThatThrownBy(() -> validated(swapped.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not valid UWS 1.1");
    }

    // ---- helpers ---------------------------------------------------------------------------

    private Job fullJob() {
        return new Job(JobId.random(random), Optional.of("my run"), Optional.of("ivo://example.org/alice"),
                ExecutionPhase.ERROR, Duration.ofMinutes(10), T0.plus(Duration.ofDays(7)),
                Optional.of(T0.plusSeconds(30)), T0, Optional.of(T0.plusSeconds(1)), Optional.of(T0.plusSeconds(2)),
                List.of(Parameter.of("LANG", "ADQL"), Parameter.of("query", "SELECT * FROM t WHERE a < 1 & b > 2"),
                        new Parameter("UPLOAD", "t1,http://example.org/t1.xml", true)),
                List.of(Result.main("application/x-votable+xml", 1234)),
                Optional.of(ErrorSummary.fatal("column 'x' does not exist")));
    }

    private interface Writing {
        void to(ByteArrayOutputStream out) throws IOException;
    }

    private static byte[] write(Writing writing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writing.to(out);
        return out.toByteArray();
    }

    /** Validates the document against the UWS schema and parses it. */
    private static Document validated(byte[] xml) throws Exception {
        try {
            schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (org.xml.sax.SAXException e) {
            throw new AssertionError("not valid UWS 1.1: " + e.getMessage() + "\n"
                    + new String(xml, StandardCharsets.UTF_8), e);
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                assertThat(element.getNamespaceURI()).as(element.getLocalName()).isEqualTo(UWS);
                elements.add(element);
            }
        }
        return elements;
    }

    private static List<String> childNames(Element parent) {
        return children(parent).stream().map(Element::getLocalName).toList();
    }

    private static Element child(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getLocalName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + parent.getLocalName()));
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent();
    }
}

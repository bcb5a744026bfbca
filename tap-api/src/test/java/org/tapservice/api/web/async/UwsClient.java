package org.tapservice.api.web.async;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.tapservice.api.MultipartBody;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A UWS client as the tests need one: plain HTTP against one instance, no redirects followed,
 * documents read with namespaces, so what is checked is what a client would see.
 */
final class UwsClient {

    static final String UWS = "http://www.ivoa.net/xml/UWS/v1.0";

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final String base;

    /** @param base the service's base URL, e.g. http://localhost:8080/tap */
    UwsClient(String base) {
        this.base = base;
    }

    String jobList() {
        return base + "/async";
    }

    /** The job's URL on this instance (the same job is at the same path on every instance). */
    String job(String id) {
        return jobList() + "/" + id;
    }

    /** POSTs a new job and answers its id; the service must answer 303 to the job. */
    String create(String... namesAndValues) throws IOException, InterruptedException {
        return createdJob(post(jobList(), namesAndValues));
    }

    /** The id of the job a creation answered 303 to. */
    private static String createdJob(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("creation answers 303: %s", response.body()).isEqualTo(303);
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** POSTs a new job as multipart/form-data (parameters and upload parts) and answers its id. */
    String create(MultipartBody body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(jobList()))
                .header("Content-Type", body.contentType()).POST(body.publisher()).build(),
                HttpResponse.BodyHandlers.ofString());
        return createdJob(response);
    }

    /** A job that runs a query at once. */
    String submit(String adql, String... more) throws IOException, InterruptedException {
        List<String> parameters = new ArrayList<>(List.of("LANG", "ADQL", "QUERY", adql, "PHASE", "RUN"));
        parameters.addAll(List.of(more));
        return create(parameters.toArray(String[]::new));
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String url, String... namesAndValues) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(namesAndValues))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> delete(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The job document, asserting it is served with 200. */
    Document jobDocument(String id) throws IOException, InterruptedException {
        return document(get(job(id)));
    }

    /** The job document after a blocking WAIT. */
    Document await(String id, int seconds) throws IOException, InterruptedException {
        return document(get(job(id) + "?WAIT=" + seconds));
    }

    /** Waits (WAIT, repeated) until the job is in a phase that is not active, at most about a minute. */
    String awaitEnd(String id) throws IOException, InterruptedException {
        String phase = phase(id);
        for (int i = 0; i < 12 && List.of("PENDING", "QUEUED", "EXECUTING").contains(phase); i++) {
            phase = text(await(id, 5), "phase");
        }
        return phase;
    }

    String phase(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = get(job(id) + "/phase");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().strip();
    }

    static Document document(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("status of %s: %s", response.uri(), response.body()).isEqualTo(200);
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body().getBytes(UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not an XML document: " + response.body(), e);
        }
    }

    /** The text of the first UWS element of this name, or null. */
    static String text(Document document, String element) {
        NodeList nodes = document.getElementsByTagNameNS(UWS, element);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    static List<Element> elements(Document document, String element) {
        NodeList nodes = document.getElementsByTagNameNS(UWS, element);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static String form(String... namesAndValues) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            pairs.add(URLEncoder.encode(namesAndValues[i], UTF_8) + "=" + URLEncoder.encode(namesAndValues[i + 1], UTF_8));
        }
        return pairs.stream().collect(Collectors.joining("&"));
    }
}

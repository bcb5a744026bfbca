package org.tapservice.api.web.async;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With structured logging on ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}), every log line is
 * one JSON object, and the lines written for a job, by the worker that runs it and while a
 * request to the job is served, carry the job's id, its owner and the instance's name as
 * fields: what an operator filters on to follow one job across instances. The instance runs as
 * a process of its own, its output to a file, as a deployment runs it: within this JVM the
 * logging is set up once, by whichever test context started first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StructuredLogsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ALICE = "Basic " + Base64.getEncoder().encodeToString("alice:secret-alice"
            .getBytes(UTF_8));

    private final ServiceProcesses instances = new ServiceProcesses(Map.of("logging.structured.format.console", "ecs",
            "tap.uws.workers", "1", "tap.uws.log.instance-id", "pod-7",
            "tap.security.mode", "basic", "tap.security.basic.users[0].name", "alice",
            "tap.security.basic.users[0].password", "{noop}secret-alice",
            // a line for each request, written inside the request
            "logging.level.org.springframework.web.servlet.DispatcherServlet", "debug"));

    @AfterAll
    void stop() throws InterruptedException {
        instances.close();
    }

    @Test
    void theLinesOfAJobAreJsonWithItsIdItsOwnerAndTheInstance() throws Exception {
        ServiceProcesses.Instance instance = instances.start(1).getFirst();
        String base = instance.url();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/async"))
                .header("Authorization", ALICE).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("LANG=ADQL&PHASE=RUN&QUERY=SELECT+TOP+1+id+FROM+"
                        + "science.sources")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);

        String phase = "";
        for (int i = 0; i < 300 && !phase.equals("COMPLETED"); i++) {
            Thread.sleep(i == 0 ? 0 : 200);
            HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(location + "/phase"))
                    .header("Authorization", ALICE).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(read.statusCode()).isEqualTo(200);
            phase = read.body().strip();
        }
        assertThat(phase).isEqualTo("COMPLETED");

        // the worker writes its line once the job is stored COMPLETED, so maybe after the client saw it
        List<JsonNode> lines = linesNaming(instance, id);
        for (int i = 0; i < 100 && lines.stream().noneMatch(StructuredLogsTest::ran); i++) {
            Thread.sleep(100);
            lines = linesNaming(instance, id);
        }
        JsonNode ran = lines.stream().filter(StructuredLogsTest::ran).findFirst()
                .orElseThrow(() -> new AssertionError("no worker line in " + ServiceProcesses.tail(instance)));
        assertThat(ran.path("jobId").asString()).isEqualTo(id);
        assertThat(ran.path("owner").asString()).isEqualTo("alice");
        assertThat(ran.path("instance").asString()).isEqualTo("pod-7");
        assertThat(ran.path("message").asString()).endsWith("is COMPLETED");
        JsonNode request = lines.stream().filter(line -> line.path("log").path("logger").asString()
                .endsWith("DispatcherServlet")).findFirst()
                .orElseThrow(() -> new AssertionError("no request line in " + ServiceProcesses.tail(instance)));
        assertThat(request.path("jobId").asString()).isEqualTo(id);
        assertThat(request.path("owner").asString()).isEqualTo("alice");
        assertThat(request.path("instance").asString()).isEqualTo("pod-7");
    }

    /** The lines of the instance's output that name the job, each read as JSON (failing on any that is not). */
    private static List<JsonNode> linesNaming(ServiceProcesses.Instance instance, String id) throws IOException {
        return Files.readAllLines(instance.log()).stream().filter(line -> line.contains(id)).map(JSON::readTree)
                .toList();
    }

    private static boolean ran(JsonNode line) {
        return line.path("message").asString().contains("ran here");
    }
}

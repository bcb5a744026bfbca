package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapservice.api.web.async.UwsClient.elements;
import static org.tapservice.api.web.async.UwsClient.text;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tapservice.api.RunningService;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** TAP 1.1 section 2 and UWS 1.1 section 2.2: the async resource on one instance. */
class AsyncEndpointTest extends RunningService {

    private static final String QUERY = "SELECT id, ra, dec FROM science.sources ORDER BY id";

    private UwsClient uws;

    @BeforeAll
    void client() {
        uws = new UwsClient(baseUrl());
        SlowTable.install(database());
        refreshCatalogue();
    }

    @AfterAll
    void removeSlowTable() {
        SlowTable.remove(database());
        refreshCatalogue();
    }

    @Test
    void aCreatedJobIsPendingWithTheParametersPosted() throws Exception {
        String id = uws.create("LANG", "ADQL", "QUERY", QUERY, "RUNID", "my-run");

        Document job = uws.jobDocument(id);
        assertThat(text(job, "jobId")).isEqualTo(id);
        assertThat(text(job, "phase")).isEqualTo("PENDING");
        assertThat(text(job, "runId")).isEqualTo("my-run");
        List<Element> parameters = elements(job, "parameter");
        assertThat(parameters).extracting(p -> p.getAttribute("id")).containsExactly("LANG", "QUERY", "RUNID");
        assertThat(parameters.get(1).getTextContent()).isEqualTo(QUERY);
        assertThat(job.getDocumentElement().getAttribute("version")).isEqualTo("1.1");
    }

    @Test
    void phaseRunAtCreationRunsTheQueryAndTheResultIsCalledResult() throws Exception {
        String id = uws.submit(QUERY, "RESPONSEFORMAT", "csv");

        assertThat(uws.awaitEnd(id)).isEqualTo("COMPLETED");
        Document job = uws.jobDocument(id);
        Element result = elements(job, "result").getFirst();
        assertThat(result.getAttribute("id")).isEqualTo("result");
        String href = result.getAttributeNS("http://www.w3.org/1999/xlink", "href");
        assertThat(href).isEqualTo(uws.job(id) + "/results/result");
        HttpResponse<String> rows = uws.get(href);
        assertThat(rows.statusCode()).isEqualTo(200);
        assertThat(rows.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(rows.body().lines().toList()).hasSize(11).first().isEqualTo("id,ra,dec");
        assertThat(result.getAttribute("size")).isEqualTo(Long.toString(rows.body().length()));
        assertThat(text(job, "startTime")).isNotBlank();
        assertThat(text(job, "endTime")).isNotBlank();
    }

    @Test
    void aPendingJobRunsWhenPhaseRunIsPosted() throws Exception {
        String id = uws.create("LANG", "ADQL", "QUERY", QUERY);

        HttpResponse<String> run = uws.post(uws.job(id) + "/phase", "PHASE", "RUN");

        assertThat(run.statusCode()).isEqualTo(303);
        assertThat(run.headers().firstValue("Location")).hasValue(uws.job(id));
        assertThat(uws.awaitEnd(id)).isEqualTo("COMPLETED");
        HttpResponse<String> votable = uws.get(uws.job(id) + "/results/result");
        assertThat(votable.body()).contains("<INFO name=\"QUERY_STATUS\" value=\"OK\"");
    }

    @Test
    void aQueryThatFailsEndsInErrorWithAVOTableErrorDocument() throws Exception {
        String id = uws.submit("SELECT nonesuch FROM science.sources");

        assertThat(uws.awaitEnd(id)).isEqualTo("ERROR");
        Document job = uws.jobDocument(id);
        assertThat(elements(job, "errorSummary").getFirst().getAttribute("type")).isEqualTo("fatal");
        assertThat(text(job, "message")).contains("nonesuch");
        HttpResponse<String> error = uws.get(uws.job(id) + "/error");
        assertThat(error.statusCode()).isEqualTo(200);
        assertThat(error.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-votable+xml");
        assertThat(error.body()).contains("QUERY_STATUS").contains("ERROR").contains("nonesuch");
    }

    @Test
    void waitReturnsAtOnceWhenTheJobIsNotInThePhaseNamed() throws Exception {
        String id = uws.create("LANG", "ADQL", "QUERY", QUERY);

        Document job = UwsClient.document(uws.get(uws.job(id) + "?WAIT=30&PHASE=EXECUTING"));

        assertThat(text(job, "phase")).isEqualTo("PENDING");
    }

    @Test
    void waitOnAPendingJobEndsAtTheServicesCapWithTheJobUnchanged() throws Exception {
        String id = uws.create("LANG", "ADQL", "QUERY", QUERY);

        // the test service caps WAIT at 3 s; asking for an hour must not hold the request an hour
        Document job = uws.await(id, 3600);

        assertThat(text(job, "phase")).isEqualTo("PENDING");
    }

    @Test
    void abortingARunningJobCancelsItsQueryInPostgresql() throws Exception {
        String id = uws.submit(SlowTable.QUERY);
        awaitPhase(id, "EXECUTING");
        awaitRunningSlowQueries(1);

        HttpResponse<String> abort = uws.post(uws.job(id) + "/phase", "PHASE", "ABORT");

        assertThat(abort.statusCode()).isEqualTo(303);
        assertThat(uws.phase(id)).isEqualTo("ABORTED");
        awaitRunningSlowQueries(0);
        assertThat(uws.phase(id)).as("a worker finishing late never overwrites ABORTED").isEqualTo("ABORTED");
    }

    @Test
    void aJobRunningPastItsExecutionDurationIsAborted() throws Exception {
        String id = uws.submit(SlowTable.QUERY, "EXECUTIONDURATION", "1");

        assertThat(uws.awaitEnd(id)).isEqualTo("ABORTED");
        assertThat(text(uws.jobDocument(id), "message")).contains("execution duration");
        awaitRunningSlowQueries(0);
    }

    @Test
    void parametersChangeWhilePendingOnly() throws Exception {
        String id = uws.create("LANG", "ADQL", "QUERY", "SELECT TOP 1 id FROM science.sources");

        HttpResponse<String> change = uws.post(uws.job(id) + "/parameters", "QUERY", QUERY, "MAXREC", "2");
        assertThat(change.statusCode()).isEqualTo(303);
        Document job = uws.jobDocument(id);
        assertThat(elements(job, "parameter")).extracting(p -> p.getAttribute("id") + "=" + p.getTextContent())
                .containsExactly("LANG=ADQL", "QUERY=" + QUERY, "MAXREC=2");

        uws.post(uws.job(id) + "/phase", "PHASE", "RUN");
        uws.awaitEnd(id);
        HttpResponse<String> late = uws.post(uws.job(id) + "/parameters", "MAXREC", "5");
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("PENDING");
    }

    @Test
    void executionDurationAndDestructionCanBeSet() throws Exception {
        String id = uws.create("LANG", "ADQL", "QUERY", QUERY);
        Instant destruction = Instant.parse("2030-01-02T03:04:05.678Z");

        assertThat(uws.post(uws.job(id) + "/executionduration", "EXECUTIONDURATION", "120").statusCode())
                .isEqualTo(303);
        assertThat(uws.post(uws.job(id) + "/destruction", "DESTRUCTION", destruction.toString()).statusCode())
                .isEqualTo(303);

        assertThat(uws.get(uws.job(id) + "/executionduration").body()).isEqualTo("120");
        Instant stored = Instant.parse(uws.get(uws.job(id) + "/destruction").body());
        Instant created = Instant.parse(text(uws.jobDocument(id), "creationTime"));
        // the service keeps a job at most its maximum lifetime (30 days by default)
        assertThat(stored).isBeforeOrEqualTo(destruction).isBeforeOrEqualTo(created.plusSeconds(30L * 86400));
    }

    @Test
    void anExecutionDurationThatIsNotANumberIsRejected() throws Exception {
        String id = uws.create("LANG", "ADQL", "QUERY", QUERY);

        HttpResponse<String> response = uws.post(uws.job(id) + "/executionduration", "EXECUTIONDURATION", "soon");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("EXECUTIONDURATION");
    }

    @Test
    void deletingAJobAnswers303ToTheJobListAndTheJobIsGone() throws Exception {
        String id = uws.create("LANG", "ADQL", "QUERY", QUERY);

        HttpResponse<String> deleted = uws.delete(uws.job(id));

        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(deleted.headers().firstValue("Location")).hasValue(uws.jobList());
        assertThat(uws.get(uws.job(id)).statusCode()).isEqualTo(404);
    }

    @Test
    void postingActionDeleteDeletesTheJobWithItsResults() throws Exception {
        String id = uws.submit(QUERY);
        uws.awaitEnd(id);

        HttpResponse<String> deleted = uws.post(uws.job(id), "ACTION", "DELETE");

        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(uws.get(uws.job(id)).statusCode()).isEqualTo(404);
        assertThat(uws.get(uws.job(id) + "/results/result").statusCode()).isEqualTo(404);
    }

    @Test
    void theSingleValueResourcesArePlainText() throws Exception {
        String id = uws.create("LANG", "ADQL", "QUERY", QUERY, "RUNID", "label");

        assertThat(uws.get(uws.job(id) + "/phase").body()).isEqualTo("PENDING");
        assertThat(uws.get(uws.job(id) + "/runId").body()).isEqualTo("label");
        assertThat(uws.get(uws.job(id) + "/owner").body()).isEmpty();
        assertThat(uws.get(uws.job(id) + "/quote").body()).isEmpty();
        assertThat(uws.get(uws.job(id) + "/phase").headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/plain");
    }

    @Test
    void anAnonymousCallersJobListShowsNoJobs() throws Exception {
        uws.create("LANG", "ADQL", "QUERY", QUERY);

        Document list = UwsClient.document(uws.get(uws.jobList()));

        assertThat(list.getDocumentElement().getLocalName()).isEqualTo("jobs");
        assertThat(elements(list, "jobref")).isEmpty();
    }

    @Test
    void anUnknownJobIs404WithAnErrorDocument() throws Exception {
        HttpResponse<String> response = uws.get(uws.job("AAAAAAAAAAAAAAAAAAAA"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("QUERY_STATUS");
    }

    @Test
    void aPhaseOtherThanRunOrAbortIsRejected() throws Exception {
        String id = uws.create("LANG", "ADQL", "QUERY", QUERY);

        HttpResponse<String> response = uws.post(uws.job(id) + "/phase", "PHASE", "SUSPEND");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(uws.phase(id)).isEqualTo("PENDING");
    }

    private void awaitPhase(String id, String phase) throws Exception {
        for (int i = 0; i < 100 && !uws.phase(id).equals(phase); i++) {
            Thread.sleep(100);
        }
        assertThat(uws.phase(id)).isEqualTo(phase);
    }

    private void awaitRunningSlowQueries(long expected) throws InterruptedException {
        for (int i = 0; i < 100 && SlowTable.running(database()) != expected; i++) {
            Thread.sleep(100);
        }
        assertThat(SlowTable.running(database())).isEqualTo(expected);
    }
}

package org.tapservice.api.web.async;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tapservice.core.async.ResultConversions;
import org.tapservice.core.results.ConversionClaim;
import org.tapservice.core.results.ConversionLease;
import org.tapservice.core.results.ResultStore;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.PhaseChange;
import org.tapservice.state.redis.RedisConversionStates;
import org.tapservice.state.redis.RedisJobEvents;
import org.w3c.dom.Element;

/**
 * Conversions of a stored result across instances sharing one Redis and one PostgreSQL: one
 * conversion for requests at several instances, a request waiting for the conversion another
 * instance makes, and a converter that dies not blocking anyone for longer than its lease.
 * A third converter, "elsewhere", is played by the test through the shared conversion states
 * and result store, as another instance would act on them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversionAcrossInstancesTest {

    private static final String QUERY = "SELECT id, ra, dec, name FROM science.sources ORDER BY id";
    /** A bound on waits for what should happen, never a measure of speed. */
    private static final long PATIENCE_SECONDS = 60;

    private final ServiceInstances instances = new ServiceInstances();
    private UwsClient a;
    private UwsClient b;

    @BeforeAll
    void start() {
        a = new UwsClient(instances.start(2));
        b = new UwsClient(instances.start(0));
    }

    @AfterAll
    void stop() {
        instances.close();
    }

    @Test
    void requestsAtTwoInstancesAtOnceForOneConversionMakeOneConversion() throws Exception {
        String id = completed();
        long before = conversionsMade();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
        for (UwsClient client : List.of(a, b, a, b)) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                    return client.getBytes(client.job(id) + "/results/result?RESPONSEFORMAT=votable/td");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        go.countDown();

        for (CompletableFuture<HttpResponse<byte[]>> answer : answers) {
            HttpResponse<byte[]> response = answer.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(answers.getFirst().get().body());
        }
        assertThat(conversionsMade() - before).isEqualTo(1);
    }

    @Test
    void aRequestAtBWaitsForTheConversionMadeElsewhereAndStreamsItsCopy() throws Exception {
        String id = completed();
        JobId job = new JobId(id);
        ConversionLease lease = ((ConversionClaim.Granted) states().claim(job, "result-csv", "elsewhere",
                Duration.ofMinutes(1))).lease();
        long before = conversionsMade();

        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> get(b,
                b.job(id) + "/results/result?RESPONSEFORMAT=csv"));

        Element conversion = (Element) a.jobDocument(id).getElementsByTagNameNS("urn:tapservice:jobinfo",
                "conversion").item(0);
        assertThat(conversion.getAttribute("state")).isEqualTo("converting");
        assertThat(conversion.getAttribute("converter")).isEqualTo("elsewhere");
        assertThat(notDoneWithin(waiting, Duration.ofSeconds(2))).as("B waits while the lease is held").isTrue();
        byte[] copy = "id\ncopy made elsewhere\n".getBytes(UTF_8);
        try (OutputStream out = store().create(job, "result-csv")) {
            out.write(copy);
        }
        assertThat(states().finish(lease, copy.length, Instant.now().plus(Duration.ofDays(1)))).isTrue();
        instances.bean(0, RedisJobEvents.class).publish(new PhaseChange(job, ExecutionPhase.COMPLETED));

        HttpResponse<String> answer = waiting.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("id\ncopy made elsewhere\n");
        assertThat(conversionsMade()).as("B converted nothing itself").isEqualTo(before);
    }

    @Test
    void aConverterThatDiesDoesNotBlockTheNextRequestLongerThanItsLease() throws Exception {
        String id = completed();
        JobId job = new JobId(id);
        // claimed and never renewed: the converter died
        assertThat(states().claim(job, "result-csv", "dead-instance", Duration.ofSeconds(1)))
                .isInstanceOf(ConversionClaim.Granted.class);
        long before = conversionsMade();

        HttpResponse<String> answer = get(b, b.job(id) + "/results/result?RESPONSEFORMAT=csv");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body().lines()).hasSize(11).first().isEqualTo("id,ra,dec,name");
        assertThat(conversionsMade() - before).isEqualTo(1);
        try (InputStream stored = store().open(job, "result-csv").orElseThrow()) {
            assertThat(new String(stored.readAllBytes(), UTF_8)).isEqualTo(answer.body());
        }
    }

    @Test
    void deletingTheJobAtBDestroysTheCopiesConvertedAtA() throws Exception {
        String id = completed();
        assertThat(a.get(a.job(id) + "/results/result-fits").statusCode()).isEqualTo(200);
        assertThat(store().open(new JobId(id), "result-fits")).isPresent();

        assertThat(b.delete(b.job(id)).statusCode()).isEqualTo(303);

        assertThat(store().open(new JobId(id), "result-fits")).isEmpty();
        assertThat(a.get(a.job(id) + "/results/result-fits").statusCode()).isEqualTo(404);
    }

    private String completed() throws Exception {
        String id = a.submit(QUERY);
        assertThat(b.awaitEnd(id)).isEqualTo("COMPLETED");
        return id;
    }

    private long conversionsMade() {
        return instances.bean(0, ResultConversions.class).conversionsMade()
                + instances.bean(1, ResultConversions.class).conversionsMade();
    }

    private RedisConversionStates states() {
        return instances.bean(0, RedisConversionStates.class);
    }

    private ResultStore store() {
        return instances.bean(0, ResultStore.class);
    }

    private static HttpResponse<String> get(UwsClient client, String url) {
        try {
            return client.get(url);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean notDoneWithin(CompletableFuture<?> future, Duration time) throws Exception {
        try {
            future.get(time.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            return true;
        }
    }
}

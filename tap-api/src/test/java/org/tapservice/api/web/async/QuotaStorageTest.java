package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tapservice.api.web.async.UwsClient.text;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tapservice.state.redis.RedisQuotaLedger;
import org.w3c.dom.Document;

/**
 * The stored-bytes quota: a result that would pass what the owner may still store ends its
 * job in ERROR with a message saying so, and leaves nothing stored; results that fit are kept
 * and counted; once they fill the quota (here: a second instance whose quota is smaller, as
 * after an operator lowered it), PHASE=RUN is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotaStorageTest {

    /** Room for a one-row VOTable and its CSV, not for three columns of every source. */
    private static final int LIMIT = 2000;

    private final ServiceInstances instances = new ServiceInstances();
    private UwsClient running;
    private UwsClient lowered;

    @BeforeAll
    void start() {
        running = new UwsClient(instances.start(1, Map.of("tap.quotas.anonymous.stored-bytes", LIMIT + "B")));
        lowered = new UwsClient(instances.start(0, Map.of("tap.quotas.anonymous.stored-bytes", "4B")));
    }

    @AfterAll
    void stop() {
        instances.close();
    }

    @Test
    void aResultLargerThanTheStorageLeftEndsItsJobInErrorAndFittingOnesFillTheQuota() throws Exception {
        String large = running.submit("SELECT a.id, a.ra, a.dec, b.name FROM science.sources AS a, science.sources AS b,"
                + " science.sources AS c");

        assertThat(running.awaitEnd(large)).isEqualTo("ERROR");
        Document failed = running.jobDocument(large);
        assertThat(text(failed, "message")).contains("the result grew past the " + LIMIT + " bytes your storage quota"
                + " had left", "delete jobs whose results you no longer need");
        assertThat(UwsClient.elements(failed, "result")).isEmpty();
        assertThat(ledger().usage(Optional.empty()).storedBytes()).isZero();

        String small = running.submit("SELECT TOP 1 id FROM science.sources", "RESPONSEFORMAT", "csv");
        assertThat(running.awaitEnd(small)).isEqualTo("COMPLETED");
        long stored = ledger().usage(Optional.empty()).storedBytes();
        // a CSV job keeps the BINARY2 copy its CSV was made from: both count
        assertThat(stored).as("the results' bytes, more than the lowered quota").isGreaterThan(4)
                .isEqualTo(running.getBytes(running.job(small) + "/results/result").body().length
                        + running.getBytes(running.job(small) + "/results/result-votable").body().length);

        String next = lowered.create("LANG", "ADQL", "QUERY", "SELECT TOP 1 id FROM science.sources");
        HttpResponse<String> refused = lowered.post(lowered.job(next) + "/phase", "PHASE", "RUN");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("QUERY_STATUS").contains("your jobs keep " + stored
                + " bytes of results, and your quota allows 4");
        assertThat(lowered.phase(next)).isEqualTo("PENDING");

        assertThat(running.delete(running.job(small)).statusCode()).isEqualTo(303);
        assertThat(lowered.post(lowered.job(next) + "/phase", "PHASE", "RUN").statusCode())
                .as("room again once the results are deleted").isEqualTo(303);
    }

    private RedisQuotaLedger ledger() {
        return instances.bean(0, RedisQuotaLedger.class);
    }
}

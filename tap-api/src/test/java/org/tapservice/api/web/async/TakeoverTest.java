package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A job outlives the instance running it: when that instance stops, another one runs the job
 * again from the start, and the job still reaches a final phase.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TakeoverTest {

    private final ServiceInstances instances = new ServiceInstances();

    @AfterAll
    void stop() {
        instances.close();
    }

    @Test
    void aJobWhoseInstanceStopsIsRunAgainByAnotherInstance() throws Exception {
        UwsClient a = new UwsClient(instances.start(1));
        SlowTable.install(instances.database());
        instances.refreshCatalogues();
        String id = a.submit(SlowTable.QUERY);
        awaitRunningSlowQueries(1);
        UwsClient b = new UwsClient(instances.start(1));

        instances.stop(0);

        // A's query is cancelled as it stops; B claims the job handed back and runs it again
        awaitRunningSlowQueries(0);
        awaitRunningSlowQueries(1);
        assertThat(b.phase(id)).isEqualTo("EXECUTING");
        HttpResponse<String> abort = b.post(b.job(id) + "/phase", "PHASE", "ABORT");
        assertThat(abort.statusCode()).isEqualTo(303);
        assertThat(b.awaitEnd(id)).isEqualTo("ABORTED");
        awaitRunningSlowQueries(0);
    }

    private void awaitRunningSlowQueries(long expected) throws InterruptedException {
        for (int i = 0; i < 150 && SlowTable.running(instances.database()) != expected; i++) {
            Thread.sleep(100);
        }
        assertThat(SlowTable.running(instances.database())).isEqualTo(expected);
    }
}

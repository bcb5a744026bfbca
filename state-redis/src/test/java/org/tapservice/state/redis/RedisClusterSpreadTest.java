package org.tapservice.state.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tapservice.core.quota.Admission;
import org.tapservice.core.quota.Quota;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobFilter;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobRef;
import org.tapservice.core.uws.Parameter;

/**
 * On a Redis Cluster the jobs of many owners spread over every primary, and what must see all
 * of them does: the list of all jobs reads the jobs of every node, and the quota drift check
 * scans every primary's holdings, not one node's. Runs in the build's Redis Cluster run only
 * (the other tests of the stores run there unchanged); it is what shows that run used three
 * primaries rather than one.
 */
class RedisClusterSpreadTest {

    private static final int OWNERS = 60;

    @RegisterExtension
    static final RedisNamespace redis = RedisNamespace.onClusterOnly();

    private final SecureRandom random = new SecureRandom();
    private JobKeys keys;
    private RedisJobStore store;
    private RedisQuotaLedger ledger;
    private Instant now;

    @BeforeEach
    void newNamespace() {
        keys = redis.keys();
        store = new RedisJobStore(redis.factory(), keys, Duration.ofHours(1));
        ledger = new RedisQuotaLedger(redis.factory(), keys);
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void theJobsOfManyOwnersLieOnEveryPrimaryAndAreAllListed() {
        List<JobId> created = queuedJobsOfManyOwners();

        List<Integer> primaries = TestRedis.cluster().primaryPorts();
        assertThat(primaries).hasSize(3);
        for (int port : primaries) {
            assertThat(TestRedis.cluster().keysOn(port, keys.namespace() + "job:*"))
                    .as("jobs on the primary at port %d", port).isPositive();
        }
        assertThat(store.list(JobFilter.all()).jobs()).extracting(JobRef::id)
                .containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void theDriftCheckCorrectsTheCountsOfEveryPrimary() {
        List<JobId> created = queuedJobsOfManyOwners();
        for (JobId id : created) {
            // what a job hash reaching its expiry does: no script runs
            redis.template().delete(List.of(keys.job(id), keys.ref(id)));
        }
        for (int port : TestRedis.cluster().primaryPorts()) {
            assertThat(TestRedis.cluster().keysOn(port, keys.namespace() + "quota:*:holdings"))
                    .as("holdings on the primary at port %d", port).isPositive();
        }

        assertThat(ledger.correctDrift()).isEqualTo(OWNERS);

        assertThat(ledger.correctDrift()).as("nothing left to correct").isZero();
    }

    /** One queued job for each of many owners, whose buckets' slots fall on every primary. */
    private List<JobId> queuedJobsOfManyOwners() {
        List<JobId> created = new ArrayList<>();
        for (int i = 0; i < OWNERS; i++) {
            Optional<String> owner = Optional.of("ivo://example.org/owner-" + i);
            Job job = Job.pending(JobId.random(random, owner), owner, Optional.empty(),
                    List.of(Parameter.of("LANG", "ADQL"), Parameter.of("QUERY", "SELECT 1")), now,
                    Duration.ofSeconds(60), now.plus(Duration.ofDays(1)));
            store.create(job);
            assertThat(ledger.queue(job.id(), Quota.UNLIMITED)).isInstanceOf(Admission.Queued.class);
            created.add(job.id());
        }
        return created;
    }
}

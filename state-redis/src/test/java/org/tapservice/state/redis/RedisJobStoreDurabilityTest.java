package org.tapservice.state.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.tapservice.core.TapException;
import org.tapservice.core.testing.TestRedisCluster;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.Parameter;
import org.tapservice.state.archive.ArchiveDatabase;
import org.tapservice.state.archive.PostgresJobStore;

/**
 * What a creation waits for before the client is told its job exists: Redis' answer, the
 * replicas' (WAIT), or the archive's row.
 */
class RedisJobStoreDurabilityTest {

    private static final Duration MARGIN = Duration.ofHours(1);

    @RegisterExtension
    static final RedisNamespace redis = new RedisNamespace();
    @RegisterExtension
    static final ArchiveDatabase tables = new ArchiveDatabase();
    private static LettuceConnectionFactory dedicated;

    private final SecureRandom random = new SecureRandom();
    private JobKeys keys;
    private JobJournal journal;
    private PostgresJobStore archive;
    private Instant now;

    @BeforeAll
    static void connectDedicated() {
        dedicated = TestRedis.unsharedFactory();
    }

    @AfterAll
    static void disconnectDedicated() {
        dedicated.destroy();
    }

    @BeforeEach
    void newNamespace() {
        keys = redis.keys();
        journal = new JobJournal(keys, 100_000);
        archive = tables.store();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void withoutDurabilityACreatedJobReachesTheArchiveOnlyThroughTheJournal() {
        RedisJobStore store = store(CreationDurability.none());
        Job job = job();

        store.create(job);

        assertThat(store.find(job.id())).contains(job);
        assertThat(archive.find(job.id())).isEmpty();
        assertThat(journalSize()).isEqualTo(1);
    }

    @Test
    void withArchiveDurabilityTheJobIsArchivedBeforeItsCreationReturns() {
        RedisJobStore store = store(CreationDurability.archive(archive));
        Job job = job();

        store.create(job);

        assertThat(archive.find(job.id())).contains(job);
        assertThat(store.find(job.id())).contains(job);
        assertThat(journalSize()).as("entries for the creation, whose row is written").isZero();
    }

    @Test
    void withArchiveDurabilityTheJournalThenUpdatesTheArchivedJob() {
        RedisJobStore store = store(CreationDurability.archive(archive));
        Job job = job();
        store.create(job);

        store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());
        new JournalArchiver(redis.factory(), keys, archive, "test", 10, Duration.ofMinutes(1)).drain();

        assertThat(archive.find(job.id())).isEqualTo(store.find(job.id()));
        assertThat(archive.find(job.id()).orElseThrow().phase()).isEqualTo(ExecutionPhase.QUEUED);
    }

    @Test
    void withArchiveDurabilityAQueuedJobIsArchivedQueuedOnceItsRunIsAcknowledged() {
        RedisJobStore store = store(CreationDurability.archive(archive));
        Job job = job();
        store.create(job);
        store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());

        store.awaitDurable(job.id());

        // no journal drained: a Redis lost now is rebuilt with the job QUEUED, and so run
        assertThat(archive.find(job.id()).orElseThrow().phase()).isEqualTo(ExecutionPhase.QUEUED);
        assertThat(archive.find(job.id())).isEqualTo(store.find(job.id()));
    }

    @Test
    void withoutDurabilityAwaitingItWritesNothingToTheArchive() {
        RedisJobStore store = store(CreationDurability.none());
        Job job = job();
        store.create(job);

        store.awaitDurable(job.id());

        assertThat(archive.find(job.id())).isEmpty();
    }

    @Test
    void withArchiveDurabilityAnIdTheArchiveHoldsIsNotCreatedAgain() {
        RedisJobStore store = store(CreationDurability.archive(archive));
        Job archived = job().withPhase(ExecutionPhase.COMPLETED);
        archive.save(archived);
        Job again = job(archived.id());

        assertThatThrownBy(() -> store.create(again)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(archived.id().value());

        assertThat(store.find(archived.id())).isEmpty();
        assertThat(archive.find(archived.id())).contains(archived);
    }

    @Test
    void withArchiveDurabilityAnIdOnlyRedisHoldsIsRefusedAndItsRowRepairedByTheJournal() {
        RedisJobStore store = store(CreationDurability.archive(archive));
        Job first = job();
        store.restore(first);
        Job second = job(first.id()).withRunId(Optional.of("another"));

        assertThatThrownBy(() -> store.create(second)).isInstanceOf(IllegalStateException.class);
        new JournalArchiver(redis.factory(), keys, archive, "test", 10, Duration.ofMinutes(1)).drain();

        assertThat(store.find(first.id())).contains(first);
        assertThat(archive.find(first.id())).contains(first);
    }

    @Test
    void withReplicasDurabilityACreationFewerReplicasAcknowledgeFailsLoudly() {
        int replicas = connectedReplicas() + 1;
        RedisJobStore store = store(CreationDurability.replicas(replicas, Duration.ofMillis(100), dedicated));
        Job job = job();

        assertThatThrownBy(() -> store.create(job)).isInstanceOf(TapException.class)
                .hasMessageContaining(job.id().value()).hasMessageContaining("of the " + replicas + " replicas");
    }

    @Test
    void withReplicasDurabilityOfNoReplicaACreationSucceedsAndIsJournaled() {
        RedisJobStore store = store(CreationDurability.replicas(0, Duration.ofMillis(100), dedicated));
        Job job = job();

        store.create(job);

        assertThat(store.find(job.id())).contains(job);
        assertThat(journalSize()).isEqualTo(1);
        assertThatThrownBy(() -> store.create(job)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onAClusterTheReplicasOfThePrimaryHoldingTheJobMustAcknowledgeIt() {
        Assumptions.assumeTrue(TestRedis.onCluster(), "a Redis Cluster's own case");
        RedisJobStore store = store(CreationDurability.replicas(1, Duration.ofMillis(500), dedicated));
        store.create(job());
        Job job = job();

        // a WAIT sent to any other node, or on a connection that did not write the job, would
        // count this replica's acknowledgement of everything before and let the creation pass
        try (TestRedisCluster.Paused paused = TestRedis.cluster().pauseReplicasOf(
                TestRedis.cluster().primaryPortOf(keys.job(job.id())))) {
            assertThatThrownBy(() -> store.create(job)).isInstanceOf(TapException.class)
                    .hasMessageContaining("only 0 of the 1 replicas");
        }
    }

    @Test
    void replicasDurabilityRefusesAConnectionFactoryThatSharesItsConnection() {
        assertThatThrownBy(() -> CreationDurability.replicas(1, Duration.ofMillis(100), redis.factory()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WAIT");
        assertThatThrownBy(() -> CreationDurability.replicas(1, Duration.ZERO, dedicated))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private RedisJobStore store(CreationDurability durability) {
        return new RedisJobStore(redis.factory(), keys, MARGIN, journal, durability);
    }

    private long journalSize() {
        return redis.template().opsForStream().range(keys.journal(), Range.unbounded()).size();
    }

    /** The replicas of the Redis, or on a cluster the fewest any primary has. */
    private int connectedReplicas() {
        if (TestRedis.onCluster()) {
            return TestRedis.cluster().primaryPorts().stream().mapToInt(port -> {
                Properties replication = new Properties();
                try {
                    replication.load(new StringReader(TestRedis.cluster().cli(port, "info", "replication")));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return Integer.parseInt(replication.getProperty("connected_slaves").strip());
            }).min().orElseThrow();
        }
        Properties replication = redis.template().execute((RedisCallback<Properties>) connection ->
                connection.serverCommands().info("replication"));
        return Integer.parseInt(replication.getProperty("connected_slaves", "0"));
    }

    private Job job() {
        return job(JobId.random(random));
    }

    private Job job(JobId id) {
        return Job.pending(id, Optional.of("alice"), Optional.of("run"), List.of(Parameter.of("QUERY", "SELECT 1")),
                now, Duration.ofSeconds(60), now.plus(Duration.ofDays(1)));
    }
}

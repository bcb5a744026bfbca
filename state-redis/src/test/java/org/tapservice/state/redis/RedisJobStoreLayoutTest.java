package org.tapservice.state.redis;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.script.RedisScript;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobFilter;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobRef;
import org.tapservice.core.uws.Lease;
import org.tapservice.core.uws.OwnerFilter;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.TransitionResult;
import org.tapservice.core.uws.UpdateResult;

/**
 * What the contract cannot see: the keys, their expiry, the hash's fields, lists that meet
 * index entries no job confirms, and parameter merges racing each other.
 */
class RedisJobStoreLayoutTest {

    private static final Duration MARGIN = Duration.ofHours(2);
    private static final RedisScript<Long> EXPIRE_TIME =
            RedisScript.of("return redis.call('PEXPIRETIME', KEYS[1])", Long.class);

    @RegisterExtension
    static final RedisNamespace redis = new RedisNamespace();

    private final SecureRandom random = new SecureRandom();
    private JobKeys keys;
    private RedisJobStore store;
    private Instant now;

    @BeforeEach
    void newStore() {
        keys = redis.keys();
        store = new RedisJobStore(redis.factory(), keys, MARGIN);
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void create_OwnedJob_ShouldWriteItsHashTwoIndexesAndItsBucketsCountsAllExpiringAtDestructionPlusMargin() {
        Job job = job(Optional.of("ivo://example.org/{alice}"), now);

        store.create(job);

        // a PENDING job is counted, for the count of jobs by phase (JobScripts.HOLD)
        assertThat(redis.keys(keys)).filteredOn(key -> !key.endsWith(":holdings")).containsExactlyInAnyOrder(
                keys.job(job.id()), keys.ref(job.id()), keys.ownerIndex(job.owner()), keys.allIndex(),
                keys.jobStep(job.id()).get(2));
        assertThat(redis.keys(keys)).filteredOn(key -> key.endsWith(":holdings")).containsExactly(
                keys.jobStep(job.id()).get(3));
        for (String key : redis.keys(keys)) {
            assertThat(expireTime(key)).as(key).isEqualTo(job.destruction().plus(MARGIN).toEpochMilli());
        }
    }

    @Test
    void create_IndexWriteFailing_ShouldFailAndTakeTheJobBack() {
        Job job = job(Optional.of("alice"), now);
        // the owner's index is sent with the job's step; a key of another type makes its write fail
        redis.template().opsForValue().set(keys.ownerIndex(job.owner()), "not a sorted set");

        assertThatThrownBy(() -> store.create(job)).isInstanceOf(DataAccessException.class);

        assertThat(store.find(job.id())).isEmpty();
        assertThat(redis.keys(keys)).doesNotContain(keys.job(job.id()), keys.ref(job.id()));
    }

    @Test
    void create_AnonymousJob_ShouldLeaveAbsentFieldsOutOfTheHash() {
        Job job = job(Optional.empty(), now).withRunId(Optional.empty());

        store.create(job);

        Map<Object, Object> hash = redis.template().opsForHash().entries(keys.job(job.id()));
        assertThat(hash).doesNotContainKeys(JobHashMapper.OWNER, JobHashMapper.RUN_ID, JobHashMapper.QUOTE,
                JobHashMapper.START_TIME, JobHashMapper.END_TIME, JobHashMapper.ERROR_TYPE);
        assertThat(hash).containsEntry(JobHashMapper.PHASE, "PENDING").containsEntry(JobHashMapper.REVISION, "0")
                .containsEntry(JobHashMapper.CREATION_TIME, Long.toString(now.toEpochMilli()));
        assertThat(redis.keys(keys)).contains(keys.ownerIndex(Optional.empty()));
    }

    @Test
    void update_LaterDestruction_ShouldRearmTheJobAndExtendItsIndexes() {
        Job job = job(Optional.of("alice"), now);
        store.create(job);
        Instant later = job.destruction().plus(Duration.ofDays(30));

        store.update(job.id(), JobChange.none().withDestruction(later));

        for (String key : redis.keys(keys)) {
            assertThat(expireTime(key)).as(key).isEqualTo(later.plus(MARGIN).toEpochMilli());
        }
    }

    @Test
    void update_EarlierDestruction_ShouldShortenTheJobButNeverItsIndexes() {
        Job job = job(Optional.of("alice"), now);
        store.create(job);
        Instant sooner = job.destruction().minus(Duration.ofHours(12));

        store.update(job.id(), JobChange.none().withDestruction(sooner));

        assertThat(expireTime(keys.job(job.id()))).isEqualTo(sooner.plus(MARGIN).toEpochMilli());
        assertThat(expireTime(keys.allIndex())).isEqualTo(job.destruction().plus(MARGIN).toEpochMilli());
    }

    @Test
    void transition_ChangingDestruction_ShouldRearmTheJob() {
        Job job = job(Optional.empty(), now);
        store.create(job);
        Instant later = job.destruction().plus(Duration.ofDays(1));

        store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED,
                JobChange.none().withDestruction(later));

        assertThat(expireTime(keys.job(job.id()))).isEqualTo(later.plus(MARGIN).toEpochMilli());
    }

    @Test
    void deleteAndRefusals_ShouldNeverLeaveAKeyWithoutExpiry() {
        Job kept = job(Optional.of("bob"), now);
        store.create(kept);
        Job deleted = job(Optional.of("bob"), now);
        store.create(deleted);
        store.transition(kept.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());
        store.transition(kept.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());
        store.delete(deleted.id());
        store.transition(deleted.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());
        store.update(deleted.id(), JobChange.none().withDestruction(now.plusSeconds(60)));

        assertThat(redis.keys(keys)).isNotEmpty().allSatisfy(key -> assertThat(expireTime(key)).as(key).isPositive());
        assertThat(redis.keys(keys)).doesNotContain(keys.job(deleted.id()));
        assertThat(redis.template().opsForZSet().range(keys.allIndex(), 0, -1)).containsExactly(kept.id().value());
    }

    @Test
    void everyStep_ShouldRewriteTheListEntryWithTheHashAndItsExpiry() {
        // multi-byte characters: the entry counts lengths in bytes, Java strings in chars
        Job job = job(Optional.of("ivo://example.org/\u00e9l\u00e8ve:{7}"), now)
                .withRunId(Optional.of("r\u00e9sum\u00e9"));
        store.create(job);
        assertListEntryIsTheHashs(job.id());
        store.update(job.id(), JobChange.none().withRunId("\u2713 2:3").withDestruction(now.plus(Duration.ofDays(3))));
        assertListEntryIsTheHashs(job.id());
        store.update(job.id(), JobChange.none().withRunId(""));
        assertListEntryIsTheHashs(job.id());
        store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());
        assertListEntryIsTheHashs(job.id());
        RedisJobQueue queue = new RedisJobQueue(redis.factory(), keys);
        queue.offer(job.id());
        Lease lease = queue.claim(Duration.ofMinutes(1), now).orElseThrow();
        assertListEntryIsTheHashs(job.id());
        queue.finish(lease, ExecutionPhase.COMPLETED, JobChange.completed(now, List.of()));
        assertListEntryIsTheHashs(job.id());

        store.delete(job.id());

        assertThat(redis.keys(keys)).doesNotContain(keys.job(job.id()), keys.ref(job.id()));
    }

    @Test
    void list_IndexEntriesNoJobConfirms_ShouldBeSkipped() {
        Job alice = job(Optional.of("alice"), now);
        store.create(alice);
        JobId gone = JobId.random(random);
        // an id whose create never happened, an entry in the wrong owner's index, an entry
        // scored with another creation time
        redis.template().opsForZSet().add(keys.allIndex(), gone.value(), now.toEpochMilli());
        redis.template().opsForZSet().add(keys.ownerIndex(Optional.of("bob")), alice.id().value(),
                now.toEpochMilli());
        Job moved = job(Optional.of("carol"), now.minusSeconds(5));
        store.create(moved);
        redis.template().opsForZSet().add(keys.ownerIndex(Optional.of("carol")), moved.id().value(),
                now.plusSeconds(5).toEpochMilli());

        assertThat(store.list(JobFilter.all()).jobs()).extracting(JobRef::id).containsExactly(alice.id(), moved.id());
        assertThat(store.list(JobFilter.all().withOwner(OwnerFilter.owner("bob"))).jobs()).isEmpty();
        assertThat(store.list(JobFilter.all().withOwner(OwnerFilter.owner("carol"))).jobs()).isEmpty();
    }

    @Test
    void create_DuplicateIdWithAnotherOwnerAndTime_ShouldLeaveTheFirstListedAsItWas() {
        Job first = job(Optional.of("alice"), now);
        store.create(first);
        Job impostor = new Job(first.id(), Optional.empty(), Optional.of("mallory"), ExecutionPhase.PENDING,
                Duration.ZERO, first.destruction(), Optional.empty(), now.plusSeconds(10), Optional.empty(),
                Optional.empty(), List.of(), List.of(), Optional.empty());

        try {
            store.create(impostor);
        } catch (IllegalStateException expected) {
            // the contract checks the exception; here only what the indexes show matters
        }

        assertThat(store.list(JobFilter.all()).jobs()).containsExactly(JobRef.of(first));
        assertThat(store.list(JobFilter.all().withOwner(OwnerFilter.owner("alice"))).jobs())
                .containsExactly(JobRef.of(first));
        assertThat(store.list(JobFilter.all().withOwner(OwnerFilter.owner("mallory"))).jobs()).isEmpty();
    }

    @Test
    void list_LastWithFewMatchesAmongManyNewerJobs_ShouldWidenItsWindow() {
        List<Job> pending = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Job job = job(Optional.of("alice"), now.minusSeconds(1000 + i));
            store.create(job);
            pending.add(job);
        }
        for (int i = 0; i < 300; i++) {
            Job job = job(Optional.of("alice"), now.minusSeconds(i));
            store.create(job);
            store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());
        }

        JobFilter filter = JobFilter.all().withOwner(OwnerFilter.owner("alice"))
                .withPhases(Set.of(ExecutionPhase.PENDING)).withLast(2);
        assertThat(store.list(filter).jobs()).extracting(JobRef::id)
                .containsExactly(pending.get(0).id(), pending.get(1).id());
        assertThat(store.list(JobFilter.all().withLast(5)).jobs()).hasSize(5);
    }

    @Test
    void update_RacingParameterChanges_ShouldLoseNone() throws Exception {
        Job job = job(Optional.empty(), now);
        store.create(job);
        int threads = 16;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<UpdateResult>> outcomes = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Parameter parameter = Parameter.of("P" + t, "value " + t);
                outcomes.add(pool.submit(() -> {
                    go.await(20, SECONDS);
                    return store.update(job.id(), JobChange.none().withParameters(List.of(parameter)));
                }));
            }
            go.countDown();
            for (Future<UpdateResult> outcome : outcomes) {
                assertThat(outcome.get(20, SECONDS)).isInstanceOf(UpdateResult.Updated.class);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(20, SECONDS)).isTrue();
        }

        Job updated = store.find(job.id()).orElseThrow();
        for (int t = 0; t < threads; t++) {
            assertThat(updated.parameter("P" + t)).as("parameter of thread %d", t).contains("value " + t);
        }
        assertThat(updated.parameters()).hasSize(job.parameters().size() + threads);
        assertThat(redis.template().opsForHash().get(keys.job(job.id()), JobHashMapper.REVISION))
                .isEqualTo(Integer.toString(threads));
    }

    @Test
    void everyStep_AfterRedisForgotItsScripts_ShouldLoadThemAgain() {
        Job job = job(Optional.of("alice"), now);
        flushScripts();
        store.create(job);
        flushScripts();
        assertThat(store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED,
                JobChange.none())).isInstanceOf(TransitionResult.Applied.class);
        flushScripts();
        assertThat(store.update(job.id(), JobChange.none().withDestruction(now.plus(Duration.ofDays(2)))))
                .isInstanceOf(UpdateResult.Updated.class);
        assertThat(store.list(JobFilter.all()).jobs()).extracting(JobRef::id).containsExactly(job.id());
        flushScripts();

        assertThat(store.delete(job.id())).isTrue();
        assertThat(redis.keys(keys)).isEmpty();
    }

    @Test
    void transition_WithAParameterChange_ShouldMergeLikeEveryStore() {
        Job job = job(Optional.empty(), now);
        store.create(job);
        JobChange change = JobChange.none().withParameters(List.of(Parameter.of("query", "SELECT 2")));

        TransitionResult result = store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.HELD,
                change);

        assertThat(result).isEqualTo(new TransitionResult.Applied(change.applyTo(job).withPhase(ExecutionPhase.HELD)));
    }

    private Job job(Optional<String> owner, Instant creationTime) {
        return Job.pending(JobId.random(random), owner, Optional.of("run"),
                List.of(Parameter.of("LANG", "ADQL"), Parameter.of("QUERY", "SELECT 1")), creationTime,
                Duration.ofSeconds(60), now.plus(Duration.ofDays(1)));
    }

    /** The job's list entry says what its hash says, and expires with it. */
    private void assertListEntryIsTheHashs(JobId id) {
        Job job = store.find(id).orElseThrow();
        byte[] entry = redis.template().opsForValue().get(keys.ref(id)).getBytes(StandardCharsets.UTF_8);
        assertThat(new JobHashMapper().fromRef(id, entry)).contains(JobRef.of(job));
        assertThat(expireTime(keys.ref(id))).isEqualTo(expireTime(keys.job(id)));
        assertThat(store.list(JobFilter.all()).jobs()).contains(JobRef.of(job));
    }

    /** SCRIPT FLUSH, as after a restart or a failover to a replica that never ran the scripts. */
    private static void flushScripts() {
        redis.template().execute((RedisCallback<Object>) connection -> {
            connection.scriptingCommands().scriptFlush();
            return null;
        });
    }

    /** The key's absolute expiry in epoch millis (PEXPIRETIME): -1 without one, -2 if no key. */
    private long expireTime(String key) {
        Long at = redis.template().execute(EXPIRE_TIME, List.of(key));
        return at == null ? -2 : at;
    }
}

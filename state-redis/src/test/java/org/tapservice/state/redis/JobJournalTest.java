package org.tapservice.state.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.Result;

/**
 * The journal the Redis store keeps for the archive: one tiny entry per successful step, none
 * for a step that changed nothing, and a cap on its length.
 */
class JobJournalTest {

    @RegisterExtension
    static final RedisNamespace redis = new RedisNamespace();

    private final SecureRandom random = new SecureRandom();
    private JobKeys keys;
    private RedisJobStore store;
    private Instant now;

    @BeforeEach
    void newStore() {
        keys = redis.keys();
        store = new RedisJobStore(redis.factory(), keys, Duration.ofHours(1), new JobJournal(keys, 100_000),
                CreationDurability.none());
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void everySuccessfulStepAppendsOneEntryNamingOnlyTheJobAndHowItChanged() {
        Job job = job();

        store.create(job);
        store.update(job.id(), JobChange.none().withParameters(List.of(Parameter.of("MAXREC", "10"))));
        store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());
        store.transition(job.id(), Set.of(ExecutionPhase.QUEUED), ExecutionPhase.EXECUTING, JobChange.started(now));
        store.transition(job.id(), Set.of(ExecutionPhase.EXECUTING), ExecutionPhase.COMPLETED,
                JobChange.completed(now, List.of(Result.main("text/csv", 12))));
        store.delete(job.id());

        // read on the connection the store shares, so after every entry it sent
        assertThat(entries()).containsExactly(
                entry("changed", job.id()), entry("changed", job.id()), entry("changed", job.id()),
                entry("changed", job.id()), entry("changed", job.id()), entry("deleted", job.id()));
    }

    @Test
    void aStepThatChangesNothingAppendsNothing() {
        Job job = job();
        store.create(job);
        store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());
        JobId missing = JobId.random(random);
        redis.template().delete(keys.journal());

        assertThatThrownBy(() -> store.create(job)).isInstanceOf(IllegalStateException.class);
        store.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());
        store.update(job.id(), JobChange.none().withRunId("too late"));
        store.transition(missing, Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());
        store.update(missing, JobChange.none().withRunId("x"));
        store.delete(missing);

        assertThat(entries()).isEmpty();
    }

    @Test
    void aStoreMadeWithoutAJournalKeepsNone() {
        RedisJobStore unjournaled = new RedisJobStore(redis.factory(), keys, Duration.ofHours(1));
        Job job = job();

        unjournaled.create(job);
        unjournaled.transition(job.id(), Set.of(ExecutionPhase.PENDING), ExecutionPhase.QUEUED, JobChange.none());
        unjournaled.delete(job.id());

        assertThat(redis.template().hasKey(keys.journal())).isFalse();
    }

    @Test
    void theJournalIsCappedSoThatNoArchiverCannotFillRedis() {
        JobJournal capped = new JobJournal(keys, 100);
        SharedConnection connection = new SharedConnection(redis.factory());
        JobId id = JobId.random(random);

        connection.run(commands -> {
            for (int i = 0; i < 999; i++) {
                capped.changed(commands, id);
            }
            return connection.await(capped.deleted(commands, id));
        });

        // trimmed a whole stream node (100 entries by default) at a time, never below the cap
        assertThat(redis.template().opsForStream().size(keys.journal())).isBetween(100L, 300L);
    }

    private List<Map<Object, Object>> entries() {
        List<MapRecord<String, Object, Object>> records = redis.template().opsForStream()
                .range(keys.journal(), Range.unbounded());
        return records.stream().map(MapRecord::getValue).toList();
    }

    private static Map<Object, Object> entry(String op, JobId id) {
        return Map.of("op", op, "job", id.value());
    }

    private Job job() {
        return Job.pending(JobId.random(random), Optional.of("alice"), Optional.of("run"),
                List.of(Parameter.of("QUERY", "SELECT 1")), now, Duration.ofSeconds(60), now.plus(Duration.ofDays(1)));
    }
}

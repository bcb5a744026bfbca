package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.tapservice.core.quota.Admission;
import org.tapservice.core.quota.Quota;
import org.tapservice.core.quota.QuotaLedger;
import org.tapservice.core.quota.QuotaUsage;
import org.tapservice.core.quota.RequestRate;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobLogEvents;
import org.tapservice.core.uws.PhaseTransitions;

/**
 * The {@link QuotaLedger} on Redis. Every job's keys and its owner's counters share a hash
 * slot (the job id's bucket, {@link JobKeys}), so the scripts that move a job's phase, write
 * its results or delete it change the counts in the same step ({@link JobScripts#HOLD}): RUN
 * here, claim, finish and release in {@link RedisJobQueue}, abort and delete in
 * {@link RedisJobStore}, a restore from the archive in {@link StateRecovery}. The counts are
 * therefore exact at every moment, and on a cluster as on one Redis.
 *
 * <p>The one way they can part from the jobs is a job whose hash Redis expired (its
 * destruction time plus the store's margin passed before the reaper destroyed it): nothing
 * ran to take back what it held. {@link #correctDrift()} finds such holdings, and any other
 * that disagrees with its job, and corrects the counts; tap-api runs it on a timer.
 *
 * <p>Thread-safe and stateless apart from its collaborators.
 */
public final class RedisQuotaLedger implements QuotaLedger {

    private static final Logger log = LoggerFactory.getLogger(RedisQuotaLedger.class);

    /**
     * How many buckets one script of {@link #totals()} sums: Redis runs nothing else while a
     * script runs, so the 4096 are read in 16 short scripts, sent together, rather than in one.
     */
    private static final int BUCKETS_PER_SCRIPT = 256;

    private final SharedConnection redis;
    private final JobKeys keys;
    private final QuotaScripts scripts;
    private final JobHashMapper mapper = new JobHashMapper();
    private final Optional<JobJournal> journal;
    private final JobLogWriter logWriter;
    private final boolean oneSlotPerStep;

    /** A ledger whose RUNs are not journaled (for tests and deployments without an archive). */
    public RedisQuotaLedger(LettuceConnectionFactory redis, JobKeys keys) {
        this(redis, keys, Optional.empty(), JobLogWriter.NONE);
    }

    /** A ledger that journals the RUNs it makes, as the store journals its own steps. */
    public RedisQuotaLedger(LettuceConnectionFactory redis, JobKeys keys, JobJournal journal) {
        this(redis, keys, journal, JobLogWriter.NONE);
    }

    /**
     * A ledger that journals the RUNs it makes and writes their "queued" line to the job's log
     * in the RUN's own script, as the store does for its steps.
     *
     * @param logWriter this instance's signature on the lines
     */
    public RedisQuotaLedger(LettuceConnectionFactory redis, JobKeys keys, JobJournal journal, JobLogWriter logWriter) {
        this(redis, keys, Optional.of(requireNonNull(journal, "journal is null")), logWriter);
    }

    private RedisQuotaLedger(LettuceConnectionFactory redis, JobKeys keys, Optional<JobJournal> journal,
                             JobLogWriter logWriter) {
        this(redis, keys, journal, logWriter, requireNonNull(redis, "redis is null").isClusterAware());
    }

    /**
     * @param oneSlotPerStep whether every command or script must keep to one slot, as on Redis
     *                       Cluster (a test makes a single Redis be read so as well)
     */
    RedisQuotaLedger(LettuceConnectionFactory redis, JobKeys keys, Optional<JobJournal> journal,
                     JobLogWriter logWriter, boolean oneSlotPerStep) {
        this.oneSlotPerStep = oneSlotPerStep;
        this.redis = new SharedConnection(requireNonNull(redis, "redis is null"));
        this.keys = requireNonNull(keys, "keys is null");
        this.scripts = new QuotaScripts(this.redis);
        this.journal = journal;
        this.logWriter = requireNonNull(logWriter, "logWriter is null");
    }

    @Override
    public Admission queue(JobId id, Quota quota) {
        requireNonNull(id, "id is null");
        requireNonNull(quota, "quota is null");
        JobHashMapper.HashWrites none = mapper.writes(JobChange.none(), Optional.empty());
        List<String> queued = logWriter.args(JobLogEvents.transition(ExecutionPhase.QUEUED, JobChange.none()));
        return redis.run(commands -> switch (scripts.queue(commands, keys.jobStep(id),
                PhaseTransitions.sources(ExecutionPhase.QUEUED), quota, none, queued)) {
            case QuotaScripts.Queued.Refused(var exceeded) -> new Admission.OverQuota(exceeded);
            case QuotaScripts.Queued.Moved(JobScripts.Reply reply) -> switch (reply) {
                case JobScripts.Reply.Changed(Map<String, String> hash) -> {
                    journal.ifPresent(entries -> entries.changed(commands, id));
                    yield new Admission.Queued(mapper.fromHash(id, hash));
                }
                case JobScripts.Reply.WrongPhase(ExecutionPhase current) -> new Admission.NotRunnable(current);
                case JobScripts.Reply.Missing _ -> new Admission.NotFound();
                case JobScripts.Reply.Stale _ -> throw new IllegalStateException("a RUN script answered 'C'");
            };
        });
    }

    @Override
    public QuotaUsage usage(Optional<String> owner) {
        requireNonNull(owner, "owner is null");
        String who = owner.map(name -> ":" + name).orElse("");
        List<KeyValue<byte[], byte[]>> fields = redis.run(commands -> redis.await(commands.hmget(
                SharedConnection.bytes(keys.usage(owner)), SharedConnection.bytes("q" + who),
                SharedConnection.bytes("e" + who), SharedConnection.bytes("b" + who),
                SharedConnection.bytes("lb" + who)).toCompletableFuture()));
        List<OptionalLong> values = new ArrayList<>(fields.size());
        for (KeyValue<byte[], byte[]> field : fields) {
            values.add(field.hasValue() ? OptionalLong.of(Long.parseLong(SharedConnection.string(field.getValue())))
                    : OptionalLong.empty());
        }
        return new QuotaUsage(values.get(0).orElse(0), values.get(1).orElse(0), values.get(2).orElse(0),
                values.get(3));
    }

    @Override
    public Optional<Duration> takeSyncRequest(Optional<String> owner, RequestRate rate) {
        requireNonNull(owner, "owner is null");
        requireNonNull(rate, "rate is null");
        long wait = redis.run(commands -> scripts.take(commands, keys.syncRate(owner), rate));
        return wait <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(wait));
    }

    /**
     * The jobs in each unfinished phase and the result bytes, over every owner: the totals each
     * bucket keeps beside its owners' counts, added up over the 4096 buckets. On a single Redis
     * a few scripts read them all ({@link QuotaScripts#SUM_TOTALS}); on a cluster, where a script
     * may touch one slot only, one pipelined round of HMGETs spread over the nodes does. The cost
     * is the same with ten jobs or ten million; the finished phases are not counted here (see
     * {@link JobScripts#HOLD}).
     */
    public JobTotals totals() {
        if (oneSlotPerStep) {
            return totalsBucketByBucket();
        }
        List<String> usages = keys.everyUsage();
        return redis.run(commands -> {
            List<CompletableFuture<long[]>> parts = new ArrayList<>();
            for (int from = 0; from < usages.size(); from += BUCKETS_PER_SCRIPT) {
                parts.add(scripts.sumTotals(commands, usages.subList(from, Math.min(usages.size(),
                        from + BUCKETS_PER_SCRIPT))));
            }
            long[] sums = new long[4];
            for (CompletableFuture<long[]> part : parts) {
                long[] sum = redis.await(part);
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += sum[i];
                }
            }
            return new JobTotals(sums[0], sums[1], sums[2], sums[3]);
        });
    }

    private JobTotals totalsBucketByBucket() {
        byte[][] fields = {SharedConnection.bytes("#p"), SharedConnection.bytes("#q"), SharedConnection.bytes("#e"),
                SharedConnection.bytes("#b")};
        return redis.run(commands -> {
            List<CompletableFuture<List<KeyValue<byte[], byte[]>>>> replies = new ArrayList<>();
            for (String usage : keys.everyUsage()) {
                replies.add(commands.hmget(SharedConnection.bytes(usage), fields).toCompletableFuture());
            }
            long[] sums = new long[fields.length];
            for (CompletableFuture<List<KeyValue<byte[], byte[]>>> reply : replies) {
                List<KeyValue<byte[], byte[]>> values = redis.await(reply);
                for (int i = 0; i < sums.length; i++) {
                    if (values.get(i).hasValue()) {
                        sums[i] += Long.parseLong(SharedConnection.string(values.get(i).getValue()));
                    }
                }
            }
            return new JobTotals(sums[0], sums[1], sums[2], sums[3]);
        });
    }

    /**
     * Compares every holding with its job and corrects the owners' counts where they part
     * (a job Redis expired, or anything else that changed a job outside the scripts), each
     * correction logged. Safe beside the service's own steps: each comparison is one atomic
     * script that recomputes the holding from the job as it is then.
     *
     * @return how many holdings were corrected
     */
    public int correctDrift() {
        return redis.run(commands -> {
            int corrected = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<byte[]> page = redis.await(commands.scan(cursor,
                        ScanArgs.Builder.matches(keys.everyHoldingsPattern()).limit(500)).toCompletableFuture());
                for (byte[] key : page.getKeys()) {
                    corrected += correct(commands, SharedConnection.string(key));
                }
                // passed back as it came: on a cluster it also says which primary is being
                // scanned, and Lettuce moves it to the next one when one is done
                cursor = page;
            } while (!cursor.isFinished());
            return corrected;
        });
    }

    private int correct(RedisClusterAsyncCommands<byte[], byte[]> commands,
                        String holdingsKey) {
        String usageKey = keys.usageOfHoldings(holdingsKey);
        int corrected = 0;
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            MapScanCursor<byte[], byte[]> page = redis.await(commands.hscan(SharedConnection.bytes(holdingsKey), cursor,
                    ScanArgs.Builder.limit(500)).toCompletableFuture());
            for (Map.Entry<byte[], byte[]> holding : page.getMap().entrySet()) {
                String jobKey = SharedConnection.string(holding.getKey());
                if (scripts.check(commands, jobKey, usageKey, holdingsKey)) {
                    corrected++;
                    log.warn("quota drift corrected: {} was counted as '{}', which its job no longer holds", jobKey,
                            SharedConnection.string(holding.getValue()));
                }
            }
            cursor = page;
        } while (!cursor.isFinished());
        if (scripts.retotal(commands, usageKey)) {
            log.warn("quota drift corrected: the totals of {} differed from its owners' counts", usageKey);
        }
        return corrected;
    }
}

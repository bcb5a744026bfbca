package org.tapservice.state.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.tapservice.core.results.ResultKey;
import org.tapservice.core.uws.JobId;

/**
 * The one place the job store's Redis keys are built; no other code concatenates key strings.
 *
 * <p>Layout, under a namespace such as {@code tap:} (one per deployment; tests add a random
 * prefix):
 * <pre>
 *   tap:job:{&lt;bucket&gt;}&lt;job id&gt;    hash: the job's fields ({@link JobHashMapper})
 *   tap:ref:{&lt;bucket&gt;}&lt;job id&gt;    string: the job's list entry (phase, run id, owner, creation
 *                                    time), rewritten by every step that writes the hash
 *   tap:jobs:{owner:&lt;base64url&gt;}    sorted set: one owner's job ids, scored by creation millis
 *   tap:jobs:{anonymous}             sorted set: the anonymous jobs, likewise
 *   tap:jobs:{all}                   sorted set: every job, likewise
 *   tap:lease:{&lt;bucket&gt;}&lt;job id&gt;  string: the token of the worker running the job, expiring with
 *                                    its lease
 *   tap:log:{&lt;bucket&gt;}&lt;job id&gt;    list: the job's log lines ({@link RedisJobLog}), expiring with the job
 *   tap:quota:{&lt;bucket&gt;}:usage      hash: per owner of the bucket, what its jobs hold (QUEUED,
 *                                    EXECUTING, result bytes) and the limits of its last RUN
 *                                    ({@link RedisQuotaLedger})
 *   tap:quota:{&lt;bucket&gt;}:holdings   hash: per job of the bucket that holds anything, what it is
 *                                    counted for in the usage
 *   tap:rate:{owner:&lt;base64url&gt;}    hash: one owner's token bucket of synchronous queries
 *   tap:queue:{queue}                sorted set: the job ids workers claim, scored by the millis from
 *                                    which each is claimable ({@link RedisJobQueue})
 *   tap:conversion:{&lt;job id&gt;}:&lt;result id&gt;
 *                                    string: a conversion of the job's result, being made (under a
 *                                    lease) or stored ({@link RedisConversionStates})
 *   tap:lock:{&lt;name&gt;}              string: a cluster lock's holder, expiring with its hold
 *   tap:events                       pub/sub channel: phase changes ({@link RedisJobEvents})
 *   tap:journal:{journal}            stream: which job changed or was deleted ({@link JobJournal})
 *   tap:state:{marker}               string: Redis holds the archive's jobs ({@link StateRecovery})
 *   tap:state:{recovering}           string: an instance is rebuilding Redis from the archive
 *   tap:reconcile:{reconcile}        hash: where the reconciliation's sweep of the index of all jobs
 *                                    stands, and the Redis server it was made on ({@link JobReconciler})
 *   tap:reconcile:{reconcile}:suspects
 *                                    sorted set: jobs seen QUEUED or EXECUTING without a queue entry,
 *                                    scored by the millis (Redis' clock) when each was first seen
 * </pre>
 *
 * <p><b>Redis Cluster.</b> Everything in braces is the hash tag, so a key's slot depends on it
 * alone. A job's keys are tagged with its id's bucket ({@link JobId#bucket()}), a hash of its
 * owner, and so are the quota counters of the owners of that bucket: each atomic step
 * (create, transition, update, delete, claim, finish) touches only the job's hash, its lease,
 * list entry and log and its bucket's counters, all in one slot, so a claim or a finish checks
 * the lease, moves the phase, changes the owner's counts and logs the change in one script,
 * and every step rewrites the list entry with the hash. The queue is one key of its own, written in
 * steps of its own beside the job's (RedisJobQueue says why that is safe). Indexes that span
 * jobs cannot live in every job's slot, so each has a tag of its own (the owner, anonymous,
 * all) and is written in a separate step:
 * before the job's step on create (so a job is never missing from an index, at worst an index
 * holds an id whose creation failed or whose job is gone) and after it on delete. Listing
 * reads an index and then the jobs' hashes, keeping only entries the job itself confirms
 * ({@link JobIndex}); the lists are never wrong, only an index may briefly hold dead entries.
 * The index of all jobs is one key, hence one node's work: it is written once per job and read
 * only by operators' lists; sharding it into N tagged buckets merged on read is the way out if
 * it ever becomes hot.
 *
 * <p>Owner ids (IVOA identifiers, e-mail addresses, anything a security layer hands over) are
 * written in URL-safe base64, so no owner can end a hash tag early or collide with
 * {@code anonymous} and {@code all}.
 */
public final class JobKeys {

    private static final Base64.Encoder OWNER_ENCODING = Base64.getUrlEncoder().withoutPadding();

    private final String namespace;

    /**
     * @param namespace the prefix of every key, e.g. {@code tap} or {@code tap:test-1234}; a
     *                  trailing colon is added when missing. It may not hold braces, which
     *                  would take the hash tag away from the job id.
     */
    public JobKeys(String namespace) {
        requireNonNull(namespace, "namespace is null");
        if (namespace.isBlank()) {
            throw new IllegalArgumentException("the key namespace is blank");
        }
        if (namespace.contains("{") || namespace.contains("}")) {
            throw new IllegalArgumentException("the key namespace may not hold braces (hash tags): " + namespace);
        }
        this.namespace = namespace.endsWith(":") ? namespace : namespace + ":";
    }

    /** The namespace, ending with a colon. */
    public String namespace() {
        return namespace;
    }

    /** The hash holding the job's fields. */
    public String job(JobId id) {
        return tagged("job", id);
    }

    /**
     * The job's list entry, the hash's {@link JobHashMapper#SUMMARY_FIELDS} as one string, tagged
     * like {@link #job(JobId)}: every script that writes the hash rewrites it in the same step,
     * so it is never out of step with the hash, and a list reads the entries of many jobs with
     * one MGET ({@link JobIndex}) instead of one HMGET per job.
     */
    public String ref(JobId id) {
        return tagged("ref", id);
    }

    /**
     * The lease of the worker running the job: tagged like {@link #job(JobId)}, so that a script
     * may check the lease and move the job's phase in one step on one slot.
     */
    public String lease(JobId id) {
        return tagged("lease", id);
    }

    /**
     * The keys of one step on a job, in the order its scripts take them: the job's hash, its
     * list entry, its bucket's usage counters and holdings ({@link JobScripts#HOLD}), its log
     * ({@link JobLogScripts#LOG}).
     */
    public List<String> jobStep(JobId id) {
        return List.of(job(id), ref(id), usage(id.bucket()), holdings(id.bucket()), log(id));
    }

    /** The owners' counters of the bucket of an owner's jobs ({@link JobId#bucketOf}). */
    public String usage(Optional<String> owner) {
        return usage(JobId.bucketOf(owner));
    }

    /** A SCAN pattern matching every bucket's holdings (for the drift check, never for serving). */
    public String everyHoldingsPattern() {
        return namespace + "quota:{*}:holdings";
    }

    /** The usage counters that go with a bucket's holdings key, found by {@link #everyHoldingsPattern()}. */
    public String usageOfHoldings(String holdingsKey) {
        if (!holdingsKey.startsWith(namespace + "quota:{") || !holdingsKey.endsWith("}:holdings")) {
            throw new IllegalArgumentException("not a holdings key of this namespace: " + holdingsKey);
        }
        return holdingsKey.substring(0, holdingsKey.length() - "holdings".length()) + "usage";
    }

    /** One owner's token bucket of synchronous queries, or the anonymous callers' when empty. */
    public String syncRate(Optional<String> owner) {
        requireNonNull(owner, "owner is null");
        return namespace + "rate:{" + ownerTag(owner) + "}";
    }

    private String usage(String bucket) {
        return namespace + "quota:{" + bucket + "}:usage";
    }

    private String holdings(String bucket) {
        return namespace + "quota:{" + bucket + "}:holdings";
    }

    private String tagged(String kind, JobId id) {
        requireNonNull(id, "id is null");
        return namespace + kind + ":{" + id.bucket() + "}" + id.value();
    }

    /**
     * The state of one conversion of the job's result ({@link RedisConversionStates}), tagged
     * like {@link #job(JobId)}: the conversions of one job are read together with one MGET.
     * Result ids are letters, digits, '.', '-' and '_' ({@code ResultKey}), so none ends a tag.
     */
    public String conversion(JobId id, String resultId) {
        return tagged("conversion", id) + ":" + new ResultKey(id, resultId).resultId();
    }

    /**
     * The job's log ({@link RedisJobLog}): tagged like {@link #job(JobId)}, so that a step that
     * moves the job's phase appends the line that says so in the same script.
     */
    public String log(JobId id) {
        return tagged("log", id);
    }

    /** The index of the jobs of one owner, or of the anonymous jobs when the owner is empty. */
    public String ownerIndex(Optional<String> owner) {
        requireNonNull(owner, "owner is null");
        return namespace + "jobs:{" + ownerTag(owner) + "}";
    }

    private static String ownerTag(Optional<String> owner) {
        return owner.map(id -> "owner:" + OWNER_ENCODING.encodeToString(id.getBytes(UTF_8))).orElse("anonymous");
    }

    /** The index of every job. */
    public String allIndex() {
        return namespace + "jobs:{all}";
    }

    /** The queue of jobs workers claim ({@link RedisJobQueue}). */
    public String queue() {
        return namespace + "queue:{queue}";
    }

    /**
     * The key of a cluster lock ({@link RedisClusterLock}).
     *
     * @throws IllegalArgumentException if the name is blank or holds braces, which would take
     *         the hash tag away from it (lock names are the service's own, never a client's)
     */
    public String lock(String name) {
        requireNonNull(name, "name is null");
        if (name.isBlank() || name.contains("{") || name.contains("}")) {
            throw new IllegalArgumentException("a lock name must be non-blank and hold no braces: '" + name + "'");
        }
        return namespace + "lock:{" + name + "}";
    }

    /**
     * The pub/sub channel of phase changes ({@link RedisJobEvents}). Channels are not keys: on a
     * cluster a PUBLISH reaches the subscribers of every node, so it needs no hash tag.
     */
    public String events() {
        return namespace + "events";
    }

    /** The stream of job changes the archiver writes to PostgreSQL ({@link JobJournal}). */
    public String journal() {
        return namespace + "journal:{journal}";
    }

    /**
     * The key whose presence says Redis holds the archive's jobs; it has no expiry, so only
     * the loss of Redis' data takes it away ({@link StateRecovery}).
     */
    public String stateMarker() {
        return namespace + "state:{marker}";
    }

    /** The lock of the one instance rebuilding Redis from the archive. */
    public String recoveryLock() {
        return namespace + "state:{recovering}";
    }

    /** Where the reconciliation's sweep stands ({@link JobReconciler}). */
    public String reconciliation() {
        return namespace + "reconcile:{reconcile}";
    }

    /**
     * The jobs the reconciliation found without a queue entry and looks at again once a grace
     * has passed; tagged like {@link #reconciliation()}.
     */
    public String reconciliationSuspects() {
        return namespace + "reconcile:{reconcile}:suspects";
    }

    /** A SCAN pattern matching every key of this namespace (for cleanup, never for serving). */
    public String everyKeyPattern() {
        return namespace + "*";
    }
}

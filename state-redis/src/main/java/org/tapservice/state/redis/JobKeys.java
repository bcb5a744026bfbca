package org.tapservice.state.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.util.Base64;
import java.util.Optional;

import org.tapservice.core.uws.JobId;

/**
 * The one place the job store's Redis keys are built; no other code concatenates key strings.
 *
 * <p>Layout, under a namespace such as {@code tap:} (one per deployment; tests add a random
 * prefix):
 * <pre>
 *   tap:job:{&lt;job id&gt;}             hash: the job's fields ({@link JobHashMapper})
 *   tap:ref:{&lt;job id&gt;}             string: the job's list entry (phase, run id, owner, creation
 *                                    time), rewritten by every step that writes the hash
 *   tap:jobs:{owner:&lt;base64url&gt;}    sorted set: one owner's job ids, scored by creation millis
 *   tap:jobs:{anonymous}             sorted set: the anonymous jobs, likewise
 *   tap:jobs:{all}                   sorted set: every job, likewise
 *   tap:lease:{&lt;job id&gt;}           string: the token of the worker running the job, expiring with
 *                                    its lease
 *   tap:log:{&lt;job id&gt;}             list: the job's log lines ({@link RedisJobLog}), expiring with the job
 *   tap:queue:{queue}                sorted set: the job ids workers claim, scored by the millis from
 *                                    which each is claimable ({@link RedisJobQueue})
 *   tap:lock:{&lt;name&gt;}              string: a cluster lock's holder, expiring with its hold
 *   tap:events                       pub/sub channel: phase changes ({@link RedisJobEvents})
 *   tap:journal:{journal}            stream: which job changed or was deleted ({@link JobJournal})
 *   tap:state:{marker}               string: Redis holds the archive's jobs ({@link StateRecovery})
 *   tap:state:{recovering}           string: an instance is rebuilding Redis from the archive
 * </pre>
 *
 * <p><b>Redis Cluster.</b> Everything in braces is the hash tag, so a key's slot depends on it
 * alone. Each atomic step (create, transition, update, delete) touches only the job's hash,
 * whose tag is the job id; the job's lease and list entry take the same tag, so a claim or a
 * finish checks the lease and moves the phase in one script, and every step rewrites the list
 * entry with the hash. The queue is one key of its own, written in
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
        requireNonNull(id, "id is null");
        return namespace + "job:{" + id.value() + "}";
    }

    /**
     * The job's list entry, the hash's {@link JobHashMapper#SUMMARY_FIELDS} as one string, tagged
     * like {@link #job(JobId)}: every script that writes the hash rewrites it in the same step,
     * so it is never out of step with the hash, and a list reads the entries of many jobs with
     * one MGET ({@link JobIndex}) instead of one HMGET per job.
     */
    public String ref(JobId id) {
        requireNonNull(id, "id is null");
        return namespace + "ref:{" + id.value() + "}";
    }

    /**
     * The lease of the worker running the job: tagged like {@link #job(JobId)}, so that a script
     * may check the lease and move the job's phase in one step on one slot.
     */
    public String lease(JobId id) {
        requireNonNull(id, "id is null");
        return namespace + "lease:{" + id.value() + "}";
    }

    /**
     * The job's log ({@link RedisJobLog}): tagged like {@link #job(JobId)}, so that a step that
     * moves the job's phase appends the line that says so in the same script.
     */
    public String log(JobId id) {
        requireNonNull(id, "id is null");
        return namespace + "log:{" + id.value() + "}";
    }

    /** The index of the jobs of one owner, or of the anonymous jobs when the owner is empty. */
    public String ownerIndex(Optional<String> owner) {
        requireNonNull(owner, "owner is null");
        return owner.map(id -> namespace + "jobs:{owner:" + OWNER_ENCODING.encodeToString(id.getBytes(UTF_8)) + "}")
                .orElse(namespace + "jobs:{anonymous}");
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

    /** A SCAN pattern matching every key of this namespace (for cleanup, never for serving). */
    public String everyKeyPattern() {
        return namespace + "*";
    }
}

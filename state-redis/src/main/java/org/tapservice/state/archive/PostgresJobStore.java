package org.tapservice.state.archive;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.query.DatabaseOutage;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobFilter;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobLogEntry;
import org.tapservice.core.uws.JobPage;
import org.tapservice.core.uws.JobRef;
import org.tapservice.core.uws.DestructionSchedule;
import org.tapservice.core.uws.JobStore;
import org.tapservice.core.uws.OwnerFilter;
import org.tapservice.core.uws.PhaseTransitions;
import org.tapservice.core.uws.TransitionResult;
import org.tapservice.core.uws.UpdateResult;

/**
 * Jobs in PostgreSQL (schema tap_uws): the durable archive the Redis store is written to and
 * rebuilt from, and a complete {@link JobStore} in its own right. A phase change locks the
 * job's row ({@code SELECT ... FOR UPDATE}), applies the change with the same domain code as
 * every other store ({@link JobChange#applyTo}) and writes it back in one transaction, so
 * concurrent changes to one job serialise on its row and never interleave.
 *
 * <p>As the archive behind the Redis store it is written whole, job by job, from what Redis
 * holds ({@link #writeLocked}, {@link #saveAll}, {@link #removeAll}): idempotent upserts and
 * deletes, batched, each batch one transaction. It is read back in pages for rebuilding Redis
 * ({@link #forEach}), and asked by the reaper which jobs are due for destruction
 * ({@link #destructionDue}).
 */
public final class PostgresJobStore implements JobStore, DestructionSchedule {

    private static final String SELECT_JOB = "SELECT " + JobTables.JOB_COLUMNS + " FROM tap_uws.jobs WHERE job_id = ?";
    private static final String SELECT_PAGE = "SELECT " + JobTables.JOB_COLUMNS
            + " FROM tap_uws.jobs WHERE job_id > ? ORDER BY job_id LIMIT ?";
    private static final String SELECT_DUE = "SELECT job_id FROM tap_uws.jobs WHERE destruction <= ?"
            + " ORDER BY destruction, job_id LIMIT ?";
    private static final String UNIQUE_VIOLATION = "23505";
    /** Jobs read per transaction by {@link #forEach}: what it holds in memory at once. */
    private static final int PAGE = 500;

    private final DataSource dataSource;

    public PostgresJobStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public void create(Job job) {
        requireNonNull(job, "job is null");
        if (job.phase() != ExecutionPhase.PENDING) {
            throw new IllegalArgumentException("a new job must be PENDING, not " + job.phase());
        }
        try {
            inTransaction(connection -> {
                JobTables.insert(connection, job);
                return null;
            });
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw new IllegalStateException("job " + job.id() + " exists already", sql);
            }
            throw e;
        }
    }

    @Override
    public Optional<Job> find(JobId id) {
        requireNonNull(id, "id is null");
        return inTransaction(connection -> select(connection, id, ""));
    }

    @Override
    public TransitionResult transition(JobId id, Set<ExecutionPhase> expected, ExecutionPhase target,
                                       JobChange change) {
        requireNonNull(id, "id is null");
        requireNonNull(change, "change is null");
        PhaseTransitions.checkRequest(expected, target);
        return inTransaction(connection -> {
            Optional<Job> locked = select(connection, id, " FOR UPDATE");
            if (locked.isEmpty()) {
                return new TransitionResult.NotFound();
            }
            Job job = locked.get();
            if (!expected.contains(job.phase()) || !PhaseTransitions.isAllowed(job.phase(), target)) {
                return new TransitionResult.Refused(job.phase());
            }
            Job moved = change.applyTo(job).withPhase(target);
            JobTables.update(connection, job, moved);
            return new TransitionResult.Applied(moved);
        });
    }

    @Override
    public UpdateResult update(JobId id, JobChange change) {
        requireNonNull(id, "id is null");
        requireNonNull(change, "change is null");
        change.checkIsUpdate();
        return inTransaction(connection -> {
            Optional<Job> locked = select(connection, id, " FOR UPDATE");
            if (locked.isEmpty()) {
                return new UpdateResult.NotFound();
            }
            Job job = locked.get();
            if (!change.isAllowedWhile(job.phase())) {
                return new UpdateResult.Refused(job.phase());
            }
            Job updated = change.applyTo(job);
            JobTables.update(connection, job, updated);
            return new UpdateResult.Updated(updated);
        });
    }

    @Override
    public boolean delete(JobId id) {
        requireNonNull(id, "id is null");
        return inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM tap_uws.jobs WHERE job_id = ?")) {
                statement.setString(1, id.value());
                return statement.executeUpdate() > 0;
            }
        });
    }

    /**
     * The owner, phases and AFTER go into the WHERE clause and LAST into the LIMIT, over the
     * (owner, creation time, id) index, so a list stays fast with millions of archived jobs;
     * the filter's own selection then guarantees exactly the semantics of every other store.
     */
    @Override
    public JobPage list(JobFilter filter) {
        requireNonNull(filter, "filter is null");
        StringBuilder sql = new StringBuilder("SELECT job_id, phase, run_id, owner_id, creation_time FROM tap_uws.jobs"
                + " WHERE phase = ANY (?)");
        List<Object> arguments = new ArrayList<>();
        arguments.add(filter.effectivePhases().stream().map(ExecutionPhase::value).toArray(String[]::new));
        switch (filter.owner()) {
            case OwnerFilter.Any any -> { }
            case OwnerFilter.Anonymous anonymous -> sql.append(" AND owner_id IS NULL");
            case OwnerFilter.Owner owner -> {
                sql.append(" AND owner_id = ?");
                arguments.add(owner.id());
            }
        }
        filter.after().ifPresent(after -> {
            sql.append(" AND creation_time > ?");
            arguments.add(Timestamp.from(after));
        });
        sql.append(" ORDER BY creation_time DESC, job_id DESC");
        filter.last().ifPresent(last -> sql.append(" LIMIT ").append(last));
        return inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                statement.setArray(1, connection.createArrayOf("text", (Object[]) arguments.getFirst()));
                for (int i = 1; i < arguments.size(); i++) {
                    statement.setObject(i + 1, arguments.get(i));
                }
                List<JobRef> refs = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        refs.add(new JobRef(JobId.parse(rows.getString(1)), ExecutionPhase.parse(rows.getString(2)),
                                Optional.ofNullable(rows.getString(3)), Optional.ofNullable(rows.getString(4)),
                                rows.getTimestamp(5).toInstant()));
                    }
                }
                return filter.select(refs);
            }
        });
    }

    /** Writes the job whole, whether or not the archive holds it: {@link #saveAll} of one. */
    public void save(Job job) {
        requireNonNull(job, "job is null");
        saveAll(List.of(job));
    }

    /**
     * Writes the jobs whole in one transaction, each inserted or overwritten with its
     * parameters and results replaced, whatever phase it is in. Idempotent.
     */
    public void saveAll(Collection<Job> jobs) {
        List<Job> saved = List.copyOf(jobs);
        writeLocked(saved.stream().map(Job::id).toList(), () -> new ArchiveWrites(saved, List.of()));
    }

    /** Forgets the jobs in one transaction; ids the archive does not hold are ignored. */
    public void removeAll(Collection<JobId> ids) {
        List<JobId> removed = List.copyOf(ids);
        writeLocked(removed, () -> new ArchiveWrites(List.of(), removed));
    }

    /**
     * Writes what {@code writes} computes, in one transaction that holds the locks of these
     * jobs from before {@code writes} runs until it commits: every other archive write of one
     * of them (this method, {@link #saveAll}, {@link #removeAll}, here or on another instance)
     * waits meanwhile. A caller that reads the jobs' current state inside {@code writes} (the
     * archiver reading Redis) therefore never has its write overtaken by one computed from an
     * older read, and the archive ends with the latest state whatever the interleaving.
     *
     * @param ids    the jobs to lock: at least those written
     * @param writes what to write, computed once the locks are held
     */
    public void writeLocked(Collection<JobId> ids, Supplier<ArchiveWrites> writes) {
        requireNonNull(ids, "ids is null");
        requireNonNull(writes, "writes is null");
        inTransaction(connection -> {
            JobTables.lock(connection, ids);
            ArchiveWrites computed = writes.get();
            JobTables.upsertAll(connection, computed.save());
            JobLogTable.replaceAll(connection, computed.logs());
            JobTables.deleteAll(connection, computed.remove());
            return null;
        });
    }

    /** The archived logs of these jobs, by job; a job without one is not in the map. */
    public Map<JobId, List<JobLogEntry>> logs(List<JobId> ids) {
        requireNonNull(ids, "ids is null");
        if (ids.isEmpty()) {
            return Map.of();
        }
        return inTransaction(connection -> JobLogTable.readAll(connection, ids));
    }

    /**
     * The jobs whose destruction time is {@code now} or earlier, the longest overdue first, at
     * most {@code limit}: what the reaper destroys next.
     */
    @Override
    public List<JobId> destructionDue(Instant now, int limit) {
        requireNonNull(now, "now is null");
        if (limit <= 0) {
            throw new IllegalArgumentException("the limit must be positive: " + limit);
        }
        return inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SELECT_DUE)) {
                statement.setTimestamp(1, Timestamp.from(now));
                statement.setInt(2, limit);
                List<JobId> due = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        due.add(JobId.parse(rows.getString(1)));
                    }
                }
                return due;
            }
        });
    }

    /**
     * Hands every archived job, whole, to {@code action}, in id order. Jobs are read a page at
     * a time, each page in a transaction of its own that has ended before {@code action} sees
     * its jobs, so memory stays constant and a slow action holds no connection. A job written
     * meanwhile may or may not be seen.
     */
    public void forEach(Consumer<Job> action) {
        requireNonNull(action, "action is null");
        String after = "";
        while (true) {
            String from = after;
            List<Job> page = inTransaction(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(SELECT_PAGE)) {
                    statement.setString(1, from);
                    statement.setInt(2, PAGE);
                    try (ResultSet rows = statement.executeQuery()) {
                        return JobTables.readAll(connection, rows);
                    }
                }
            });
            page.forEach(action);
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast().id().value();
        }
    }

    private static Optional<Job> select(Connection connection, JobId id, String lock) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT_JOB + lock)) {
            statement.setString(1, id.value());
            try (ResultSet rows = statement.executeQuery()) {
                return JobTables.readAll(connection, rows).stream().findFirst();
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * On a connection the database dropped, rollback and the autocommit reset fail too ("connection
     * is closed", with no SQLSTATE); they must not hide the failure that says the database is gone.
     */
    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException broken) {
            // the pool discards a broken connection; what broke it was reported by the work or commit
        }
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                restoreAutoCommit(connection);
            }
        } catch (SQLException e) {
            if (DatabaseOutage.isOutage(e)) {
                throw new TapException(ErrorKind.UNAVAILABLE, "the job archive database cannot be reached at the "
                        + "moment; please try again shortly", e);
            }
            throw new IllegalStateException("job archive: " + e.getMessage(), e);
        }
    }
}

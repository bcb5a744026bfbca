package org.tapservice.state.archive;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tapservice.core.uws.ErrorSummary;
import org.tapservice.core.uws.ErrorType;
import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.Parameter;
import org.tapservice.core.uws.Result;

/**
 * The one place that knows how a {@link Job} is laid out in tap_uws.jobs, job_parameters and
 * job_results: every column name and every conversion is here.
 */
final class JobTables {

    static final String JOB_COLUMNS = "job_id, run_id, owner_id, phase, execution_duration, destruction, quote,"
            + " creation_time, start_time, end_time, error_type, error_message";

    private static final String INSERT_JOB = "INSERT INTO tap_uws.jobs (" + JOB_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPSERT_JOB = INSERT_JOB + """
             ON CONFLICT (job_id) DO UPDATE SET run_id = EXCLUDED.run_id, owner_id = EXCLUDED.owner_id,
                phase = EXCLUDED.phase, execution_duration = EXCLUDED.execution_duration,
                destruction = EXCLUDED.destruction, quote = EXCLUDED.quote, creation_time = EXCLUDED.creation_time,
                start_time = EXCLUDED.start_time, end_time = EXCLUDED.end_time, error_type = EXCLUDED.error_type,
                error_message = EXCLUDED.error_message""";
    private static final String UPDATE_JOB = """
            UPDATE tap_uws.jobs SET run_id = ?, owner_id = ?, phase = ?, execution_duration = ?, destruction = ?,
                quote = ?, creation_time = ?, start_time = ?, end_time = ?, error_type = ?, error_message = ?
            WHERE job_id = ?""";
    private static final String INSERT_PARAMETER =
            "INSERT INTO tap_uws.job_parameters (job_id, position, name, value, by_reference) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_RESULT =
            "INSERT INTO tap_uws.job_results (job_id, position, result_id, mime_type, size) VALUES (?, ?, ?, ?, ?)";
    private static final String SELECT_PARAMETERS = "SELECT job_id, name, value, by_reference"
            + " FROM tap_uws.job_parameters WHERE job_id = ANY (?) ORDER BY job_id, position";
    private static final String SELECT_RESULTS = "SELECT job_id, result_id, mime_type, size"
            + " FROM tap_uws.job_results WHERE job_id = ANY (?) ORDER BY job_id, position";
    /**
     * Transaction-level advisory locks on jobs, taken in the order of their keys so that two
     * transactions locking overlapping sets never deadlock. The two-key form keeps them apart
     * from any other user of advisory locks (Flyway's among them): the first key is the jobs
     * table's oid, the second the id's hash (two ids sharing a hash merely share a lock).
     */
    private static final String LOCK_JOBS = "SELECT pg_advisory_xact_lock('tap_uws.jobs'::regclass::oid::int, key)"
            + " FROM (SELECT DISTINCT hashtext(id) AS key FROM unnest(?) AS id ORDER BY key) AS keys";

    private JobTables() {
    }

    static void insert(Connection connection, Job job) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT_JOB)) {
            statement.setString(1, job.id().value());
            setScalars(statement, 2, job);
            statement.executeUpdate();
        }
        insertParameters(connection, List.of(job));
        insertResults(connection, List.of(job));
    }

    /**
     * Writes the jobs whole, whether or not they exist: each row inserted or overwritten, the
     * child rows replaced. Every statement is one batch (or one array) for all the jobs.
     */
    static void upsertAll(Connection connection, Collection<Job> jobs) throws SQLException {
        if (jobs.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(UPSERT_JOB)) {
            for (Job job : jobs) {
                statement.setString(1, job.id().value());
                setScalars(statement, 2, job);
                statement.addBatch();
            }
            statement.executeBatch();
        }
        List<JobId> ids = jobs.stream().map(Job::id).toList();
        deleteAll(connection, "tap_uws.job_parameters", ids);
        deleteAll(connection, "tap_uws.job_results", ids);
        insertParameters(connection, jobs);
        insertResults(connection, jobs);
    }

    /** Deletes the jobs, their child rows with them; ids with no row are ignored. */
    static void deleteAll(Connection connection, Collection<JobId> ids) throws SQLException {
        deleteAll(connection, "tap_uws.jobs", ids);
    }

    /**
     * Locks the jobs until the transaction ends, against every other transaction that locks
     * one of them this way; the rows need not exist.
     */
    static void lock(Connection connection, Collection<JobId> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(LOCK_JOBS)) {
            statement.setArray(1, idArray(connection, ids));
            statement.executeQuery().close();
        }
    }

    /** Writes a job that exists already; child rows are rewritten only when they changed. */
    static void update(Connection connection, Job before, Job after) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UPDATE_JOB)) {
            setScalars(statement, 1, after);
            statement.setString(12, after.id().value());
            statement.executeUpdate();
        }
        if (!before.parameters().equals(after.parameters())) {
            deleteAll(connection, "tap_uws.job_parameters", List.of(after.id()));
            insertParameters(connection, List.of(after));
        }
        if (!before.results().equals(after.results())) {
            deleteAll(connection, "tap_uws.job_results", List.of(after.id()));
            insertResults(connection, List.of(after));
        }
    }

    /**
     * Reads the jobs of every row of {@link #JOB_COLUMNS}, in their order, with their
     * parameters and results: two more queries however many rows there are.
     */
    static List<Job> readAll(Connection connection, ResultSet rows) throws SQLException {
        List<Job> jobs = new ArrayList<>();
        while (rows.next()) {
            jobs.add(scalars(rows));
        }
        if (jobs.isEmpty()) {
            return jobs;
        }
        List<JobId> ids = jobs.stream().map(Job::id).toList();
        Map<String, List<Parameter>> parameters = parameters(connection, ids);
        Map<String, List<Result>> results = results(connection, ids);
        List<Job> complete = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            complete.add(job.withParameters(parameters.getOrDefault(job.id().value(), List.of()))
                    .withResults(results.getOrDefault(job.id().value(), List.of())));
        }
        return complete;
    }

    /** A row's job without its parameters and results. */
    private static Job scalars(ResultSet row) throws SQLException {
        JobId id = JobId.parse(row.getString("job_id"));
        String errorType = row.getString("error_type");
        Optional<ErrorSummary> error = errorType == null ? Optional.empty()
                : Optional.of(new ErrorSummary(ErrorType.parse(errorType), row.getString("error_message")));
        return new Job(id, Optional.ofNullable(row.getString("run_id")), Optional.ofNullable(row.getString("owner_id")),
                ExecutionPhase.parse(row.getString("phase")), Duration.ofSeconds(row.getLong("execution_duration")),
                instant(row, "destruction").orElseThrow(), instant(row, "quote"),
                instant(row, "creation_time").orElseThrow(), instant(row, "start_time"), instant(row, "end_time"),
                List.of(), List.of(), error);
    }

    /** The ids as a PostgreSQL text array, for {@code = ANY (?)}. */
    static Array idArray(Connection connection, Collection<JobId> ids) throws SQLException {
        return connection.createArrayOf("text", ids.stream().map(JobId::value).toArray());
    }

    private static void setScalars(PreparedStatement statement, int first, Job job) throws SQLException {
        int index = first;
        statement.setString(index++, job.runId().orElse(null));
        statement.setString(index++, job.owner().orElse(null));
        statement.setString(index++, job.phase().value());
        statement.setLong(index++, job.executionDuration().toSeconds());
        setInstant(statement, index++, Optional.of(job.destruction()));
        setInstant(statement, index++, job.quote());
        setInstant(statement, index++, Optional.of(job.creationTime()));
        setInstant(statement, index++, job.startTime());
        setInstant(statement, index++, job.endTime());
        statement.setString(index++, job.error().map(error -> error.type().value()).orElse(null));
        statement.setString(index, job.error().map(ErrorSummary::message).orElse(null));
    }

    private static void setInstant(PreparedStatement statement, int index, Optional<Instant> value)
            throws SQLException {
        if (value.isPresent()) {
            statement.setTimestamp(index, Timestamp.from(value.get()));
        } else {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    private static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        return Optional.ofNullable(row.getTimestamp(column)).map(Timestamp::toInstant);
    }

    private static void insertParameters(Connection connection, Collection<Job> jobs) throws SQLException {
        if (jobs.stream().allMatch(job -> job.parameters().isEmpty())) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_PARAMETER)) {
            for (Job job : jobs) {
                int position = 0;
                for (Parameter parameter : job.parameters()) {
                    statement.setString(1, job.id().value());
                    statement.setInt(2, position++);
                    statement.setString(3, parameter.id());
                    statement.setString(4, parameter.value());
                    statement.setBoolean(5, parameter.byReference());
                    statement.addBatch();
                }
            }
            statement.executeBatch();
        }
    }

    private static void insertResults(Connection connection, Collection<Job> jobs) throws SQLException {
        if (jobs.stream().allMatch(job -> job.results().isEmpty())) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_RESULT)) {
            for (Job job : jobs) {
                int position = 0;
                for (Result result : job.results()) {
                    statement.setString(1, job.id().value());
                    statement.setInt(2, position++);
                    statement.setString(3, result.id());
                    statement.setString(4, result.mimeType());
                    statement.setLong(5, result.size());
                    statement.addBatch();
                }
            }
            statement.executeBatch();
        }
    }

    /** The parameters of each of the jobs that has any, by job id, in order. */
    private static Map<String, List<Parameter>> parameters(Connection connection, List<JobId> ids)
            throws SQLException {
        Map<String, List<Parameter>> parameters = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(SELECT_PARAMETERS)) {
            statement.setArray(1, idArray(connection, ids));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    parameters.computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                            .add(new Parameter(rows.getString(2), rows.getString(3), rows.getBoolean(4)));
                }
            }
        }
        return parameters;
    }

    /** The results of each of the jobs that has any, by job id, in order. */
    private static Map<String, List<Result>> results(Connection connection, List<JobId> ids) throws SQLException {
        Map<String, List<Result>> results = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(SELECT_RESULTS)) {
            statement.setArray(1, idArray(connection, ids));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    results.computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                            .add(new Result(rows.getString(2), rows.getString(3), rows.getLong(4)));
                }
            }
        }
        return results;
    }

    private static void deleteAll(Connection connection, String table, Collection<JobId> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "DELETE FROM " + table + " WHERE job_id = ANY (?)")) {
            statement.setArray(1, idArray(connection, ids));
            statement.executeUpdate();
        }
    }
}

package org.tapservice.state.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    private static final String UPDATE_JOB = """
            UPDATE tap_uws.jobs SET run_id = ?, owner_id = ?, phase = ?, execution_duration = ?, destruction = ?,
                quote = ?, creation_time = ?, start_time = ?, end_time = ?, error_type = ?, error_message = ?
            WHERE job_id = ?""";
    private static final String INSERT_PARAMETER =
            "INSERT INTO tap_uws.job_parameters (job_id, position, name, value, by_reference) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_RESULT =
            "INSERT INTO tap_uws.job_results (job_id, position, result_id, mime_type, size) VALUES (?, ?, ?, ?, ?)";
    private static final String SELECT_PARAMETERS =
            "SELECT name, value, by_reference FROM tap_uws.job_parameters WHERE job_id = ? ORDER BY position";
    private static final String SELECT_RESULTS =
            "SELECT result_id, mime_type, size FROM tap_uws.job_results WHERE job_id = ? ORDER BY position";

    private JobTables() {
    }

    static void insert(Connection connection, Job job) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT_JOB)) {
            statement.setString(1, job.id().value());
            setScalars(statement, 2, job);
            statement.executeUpdate();
        }
        insertParameters(connection, job);
        insertResults(connection, job);
    }

    /** Writes a job that exists already; child rows are rewritten only when they changed. */
    static void update(Connection connection, Job before, Job after) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UPDATE_JOB)) {
            setScalars(statement, 1, after);
            statement.setString(12, after.id().value());
            statement.executeUpdate();
        }
        if (!before.parameters().equals(after.parameters())) {
            delete(connection, "tap_uws.job_parameters", after.id());
            insertParameters(connection, after);
        }
        if (!before.results().equals(after.results())) {
            delete(connection, "tap_uws.job_results", after.id());
            insertResults(connection, after);
        }
    }

    /** Reads a job from a row of {@link #JOB_COLUMNS}, with its parameters and results. */
    static Job read(Connection connection, ResultSet row) throws SQLException {
        JobId id = JobId.parse(row.getString("job_id"));
        String errorType = row.getString("error_type");
        Optional<ErrorSummary> error = errorType == null ? Optional.empty()
                : Optional.of(new ErrorSummary(ErrorType.parse(errorType), row.getString("error_message")));
        return new Job(id, Optional.ofNullable(row.getString("run_id")), Optional.ofNullable(row.getString("owner_id")),
                ExecutionPhase.parse(row.getString("phase")), Duration.ofSeconds(row.getLong("execution_duration")),
                instant(row, "destruction").orElseThrow(), instant(row, "quote"),
                instant(row, "creation_time").orElseThrow(), instant(row, "start_time"), instant(row, "end_time"),
                parameters(connection, id), results(connection, id), error);
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

    private static void insertParameters(Connection connection, Job job) throws SQLException {
        if (job.parameters().isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_PARAMETER)) {
            int position = 0;
            for (Parameter parameter : job.parameters()) {
                statement.setString(1, job.id().value());
                statement.setInt(2, position++);
                statement.setString(3, parameter.id());
                statement.setString(4, parameter.value());
                statement.setBoolean(5, parameter.byReference());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void insertResults(Connection connection, Job job) throws SQLException {
        if (job.results().isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_RESULT)) {
            int position = 0;
            for (Result result : job.results()) {
                statement.setString(1, job.id().value());
                statement.setInt(2, position++);
                statement.setString(3, result.id());
                statement.setString(4, result.mimeType());
                statement.setLong(5, result.size());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static List<Parameter> parameters(Connection connection, JobId id) throws SQLException {
        List<Parameter> parameters = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SELECT_PARAMETERS)) {
            statement.setString(1, id.value());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    parameters.add(new Parameter(rows.getString(1), rows.getString(2), rows.getBoolean(3)));
                }
            }
        }
        return parameters;
    }

    private static List<Result> results(Connection connection, JobId id) throws SQLException {
        List<Result> results = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SELECT_RESULTS)) {
            statement.setString(1, id.value());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    results.add(new Result(rows.getString(1), rows.getString(2), rows.getLong(3)));
                }
            }
        }
        return results;
    }

    private static void delete(Connection connection, String table, JobId id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table + " WHERE job_id = ?")) {
            statement.setString(1, id.value());
            statement.executeUpdate();
        }
    }
}

package org.tapservice.state.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobLogEntry;

/** How job logs are laid out in tap_uws.job_log (migration V5): one row per line, in order. */
final class JobLogTable {

    private static final String DELETE = "DELETE FROM tap_uws.job_log WHERE job_id = ANY (?)";
    private static final String INSERT =
            "INSERT INTO tap_uws.job_log (job_id, position, time, instance, event) VALUES (?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT job_id, time, instance, event FROM tap_uws.job_log"
            + " WHERE job_id = ANY (?) ORDER BY job_id, position";

    private JobLogTable() {
    }

    /** Replaces the logs of these jobs, which the archive must hold, with these lines. */
    static void replaceAll(Connection connection, Map<JobId, List<JobLogEntry>> logs) throws SQLException {
        if (logs.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setArray(1, JobTables.idArray(connection, logs.keySet()));
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Map.Entry<JobId, List<JobLogEntry>> log : logs.entrySet()) {
                int position = 0;
                for (JobLogEntry entry : log.getValue()) {
                    insert.setString(1, log.getKey().value());
                    insert.setInt(2, position++);
                    insert.setTimestamp(3, Timestamp.from(entry.time()));
                    insert.setString(4, entry.instance());
                    insert.setString(5, entry.event());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /** The archived log of each of these jobs that has one, in order. */
    static Map<JobId, List<JobLogEntry>> readAll(Connection connection, List<JobId> ids) throws SQLException {
        Map<JobId, List<JobLogEntry>> logs = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setArray(1, JobTables.idArray(connection, ids));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    logs.computeIfAbsent(JobId.parse(rows.getString(1)), id -> new ArrayList<>())
                            .add(new JobLogEntry(rows.getTimestamp(2).toInstant(), rows.getString(3),
                                    rows.getString(4)));
                }
            }
        }
        return logs;
    }
}

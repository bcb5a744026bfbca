package org.tapservice.api.web;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;
import org.tapservice.api.config.ArchiveDatabase;

/**
 * What VOSI availability reports: whether the servers the service needs answer now. The
 * archive database decides {@code available} (without it no query runs); the job state store
 * (Redis) and the state database only take async jobs away, which a note says.
 */
@Component
public class Availability {

    /** The answer: available or not, and a note per thing a client should know. */
    public record Status(boolean available, List<String> notes) {
        public Status {
            notes = List.copyOf(notes);
        }
    }

    private final DataSource archive;
    private final DataSource state;
    private final RedisConnectionFactory redis;

    public Availability(ArchiveDatabase archive, DataSource stateDataSource, RedisConnectionFactory redis) {
        this.archive = requireNonNull(archive, "archive is null").dataSource();
        this.state = requireNonNull(stateDataSource, "stateDataSource is null");
        this.redis = requireNonNull(redis, "redis is null");
    }

    public Status check() {
        List<String> notes = new ArrayList<>();
        boolean queries = answers(archive);
        notes.add(queries ? "The service is accepting queries."
                : "The archive database does not answer; queries cannot run at the moment.");
        if (!redisAnswers()) {
            notes.add("The job state store (Redis) does not answer; async jobs cannot be created or read at the "
                    + "moment.");
        }
        if (!answers(state)) {
            notes.add("The state database does not answer; async jobs cannot be created and their results cannot "
                    + "be read at the moment.");
        }
        return new Status(queries, notes);
    }

    private static boolean answers(DataSource database) {
        try (Connection connection = database.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private boolean redisAnswers() {
        try (RedisConnection connection = redis.getConnection()) {
            return connection.ping() != null;
        } catch (DataAccessException e) {
            return false;
        }
    }
}

package org.tapservice.core.query;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * What one run of a query needs beyond its request: its own time limit, and a way for another
 * thread to stop it. Sync queries run under the archive sessions' statement timeout and stop
 * when the client hangs up; an async job runs for its UWS execution duration and is stopped by
 * an ABORT that may arrive at any instance.
 *
 * <p>One control serves one run. {@link #cancel()} may come before the statement exists, while
 * it runs, or after it ended: a statement not started yet never starts, a running one is
 * cancelled.
 */
public final class QueryControl {

    /** The SQLSTATE of a statement cancelled on request. */
    static final String QUERY_CANCELED = "57014";
    private static final Duration RECANCEL_INTERVAL = Duration.ofMillis(200);
    private static final int RECANCELS = 50;

    private final Optional<Duration> timeLimit;
    private final Object lock = new Object();
    private Cancellable running;
    /** Written under the lock; read without it, once per row of a streaming result. */
    private volatile boolean cancelled;

    /**
     * @param timeLimit the statement timeout for this run, replacing the session's; zero
     *                  means none. Empty keeps the session's (the sync timeout).
     */
    public QueryControl(Optional<Duration> timeLimit) {
        this.timeLimit = requireNonNull(timeLimit, "timeLimit is null");
        timeLimit.ifPresent(limit -> {
            if (limit.isNegative()) {
                throw new IllegalArgumentException("a time limit cannot be negative: " + limit);
            }
        });
    }

    /** Runs under the archive sessions' own statement timeout, cancelled by nobody. */
    public static QueryControl sessionDefaults() {
        return new QueryControl(Optional.empty());
    }

    public Optional<Duration> timeLimit() {
        return timeLimit;
    }

    /** Stops the run: cancels its statement now, or the one it starts next. */
    public void cancel() {
        Cancellable statement;
        synchronized (lock) {
            cancelled = true;
            statement = running;
        }
        if (statement != null) {
            cancel(statement);
            Thread.ofVirtual().name("query-cancel").start(() -> cancelAgainWhileAttached(statement));
        }
    }

    /**
     * A statement attached but not yet sent is not cancelled by PostgreSQL (a cancel request
     * stops only what the backend is running), and would then run to its end. So the cancel is
     * repeated while the same statement stays attached, until it ends or a few seconds pass.
     */
    private void cancelAgainWhileAttached(Cancellable statement) {
        for (int attempt = 0; attempt < RECANCELS; attempt++) {
            try {
                Thread.sleep(RECANCEL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (lock) {
                if (running != statement) {
                    return;
                }
            }
            cancel(statement);
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Fails once the run is cancelled, as a cancelled statement fails. A result streaming
     * through a cursor needs it: between fetches the driver's statement is not executing, so
     * a cancel of it stops nothing, and the rows would go on to the end.
     */
    void checkNotCancelled() throws SQLException {
        if (cancelled) {
            throw new SQLException("the run was cancelled while its result was streaming", QUERY_CANCELED);
        }
    }

    /**
     * The statement of this run, from now until {@link #detach()}.
     *
     * @throws SQLException query_canceled, as PostgreSQL reports a cancelled statement, if the
     *         run was cancelled already: the driver ignores a cancel of a statement that is not
     *         executing yet, so a statement attached after the cancel must not start at all
     */
    void attach(Statement statement) throws SQLException {
        attach(statement::cancel);
    }

    /**
     * What this run executes, from now until {@link #detach()}, as a way to cancel it: a COPY
     * has no Statement, and is cancelled through its connection.
     *
     * @throws SQLException query_canceled if the run was cancelled already, as {@link #attach(Statement)}
     */
    void attach(Cancellable statement) throws SQLException {
        synchronized (lock) {
            if (cancelled) {
                throw new SQLException("the run was cancelled before its statement started", QUERY_CANCELED);
            }
            running = statement;
        }
    }

    void detach() {
        synchronized (lock) {
            running = null;
        }
    }

    /** A running statement's cancel: the driver's, which sends PostgreSQL a cancel request. */
    @FunctionalInterface
    interface Cancellable {
        void cancel() throws SQLException;
    }

    private static void cancel(Cancellable statement) {
        try {
            // sends PostgreSQL a cancel request on a separate connection; the running
            // statement then fails with query_canceled in its own thread
            statement.cancel();
        } catch (SQLException e) {
            // nothing is left to cancel (the statement ended meanwhile)
        }
    }
}

package org.tapservice.core.uws;

import java.time.Duration;
import java.util.Locale;

/**
 * The words of the job log ({@link JobLog}), in one place: the stores write the lines of
 * phase changes with them, the workers those of a run's progress.
 */
public final class JobLogEvents {

    /** The longest event kept; an error message beyond it is cut. */
    static final int MAX_LENGTH = 500;

    private JobLogEvents() {
    }

    public static String created() {
        return "created";
    }

    /** The job came back from the PostgreSQL archive into an emptied Redis. */
    public static String restored() {
        return "restored from the archive";
    }

    /** A phase change made by a client's request or the service ({@link JobStore#transition}). */
    public static String transition(ExecutionPhase target, JobChange change) {
        return switch (target) {
            case QUEUED -> "queued";
            case ABORTED -> change.error().map(error -> "aborted: " + error.message()).map(JobLogEvents::oneLine)
                    .orElse("aborted on request");
            case COMPLETED, ERROR -> finished(target, change);
            case PENDING, EXECUTING, HELD, SUSPENDED, ARCHIVED, UNKNOWN -> target.value().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * A worker took the job (QUEUED to EXECUTING, or EXECUTING whose lease lapsed). A template
     * with {@code %d} for the attempt, which only the claim's atomic step knows.
     */
    public static String claimedTemplate() {
        return "claimed (attempt %d)";
    }

    /** As {@link #claimedTemplate()}, when the job was EXECUTING and its lease had lapsed. */
    public static String takenOverTemplate() {
        return "took over the job, which no instance held any longer (attempt %d)";
    }

    /** The worker ended the job (or a transition reached a phase other than QUEUED or ABORTED). */
    public static String finished(ExecutionPhase target, JobChange change) {
        return oneLine("finished " + target.value() + change.error().map(error -> ": " + error.message()).orElse(""));
    }

    public static String queryStarted() {
        return "query started";
    }

    public static String firstRows(Duration afterStart) {
        return "first rows after " + afterStart.toMillis() + " ms";
    }

    public static String rowsWritten(long rows, boolean overflow) {
        return "rows written: " + rows + (overflow ? " (MAXREC reached, result truncated)" : "");
    }

    public static String resultStored(long bytes) {
        return "result stored: " + bytes + " bytes";
    }

    public static String leaseLost() {
        return "lease lost (the job was aborted, deleted or taken over): its query here is cancelled";
    }

    public static String handedBack() {
        return "handed back to the queue: this instance is stopping";
    }

    /**
     * The reconciliation offered the job to the queue again, having found it QUEUED or
     * EXECUTING with no queue entry: without one no worker would ever claim it.
     *
     * @param leased for an EXECUTING job, whether an instance's lease still held it
     */
    public static String offeredAgain(ExecutionPhase phase, boolean leased) {
        return "offered to the queue again: it was " + phase.value() + switch (phase) {
            case QUEUED -> " but not in the queue (a write lost in a Redis failover or restart, or an instance"
                    + " that stopped between queueing the job and offering it)";
            case EXECUTING -> leased
                    ? " but not in the queue, so no instance would take it over should the one running it stop"
                    : ", held by no instance and not in the queue, so no instance would have taken it over";
            default -> " and not in the queue";
        };
    }

    /** The text on one line and at most {@link #MAX_LENGTH} characters: error messages may be neither. */
    static String oneLine(String text) {
        String line = text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 1) + "…";
    }
}

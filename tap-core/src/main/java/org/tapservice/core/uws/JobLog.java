package org.tapservice.core.uws;

import java.util.List;

/**
 * A job's log: append-only lines saying what each instance did with the job (created, queued,
 * claimed, rows written, finished, ...), so that an operator can follow a job across the
 * instances it passed through. Lines that go with a phase change are written by the store in
 * the same atomic step as the change; the lines of this port are the others (progress, a
 * lost lease), written by the instance that saw them. The words are {@link JobLogEvents}'.
 *
 * <p>A log lives and dies with its job: it is kept no longer than the job, is bounded in
 * length (the oldest lines go first), and appending to a job that no longer exists does
 * nothing.
 */
public interface JobLog {

    /**
     * Appends a line: this instance, now, the event. Nothing happens when the job is gone. A
     * line is a record for people, not state: one that cannot be written is lost (and said so
     * in the instance's own log), and never fails the caller.
     */
    void append(JobId id, String event);

    /** The job's lines, oldest first; empty when the job has none (or is gone). */
    List<JobLogEntry> read(JobId id);
}

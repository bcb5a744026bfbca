package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One line of a job's log ({@link JobLog}): when, which instance, and what happened.
 *
 * @param time     when it happened, on the state store's clock, so that the lines of
 *                 different instances are ordered by one clock
 * @param instance the instance that did it (its configured id), never holding blanks
 * @param event    what happened, in words for an operator, on one line
 */
public record JobLogEntry(Instant time, String instance, String event) {

    public JobLogEntry {
        requireNonNull(time, "time is null");
        requireNonNull(instance, "instance is null");
        requireNonNull(event, "event is null");
        if (!isInstanceId(instance)) {
            throw new IllegalArgumentException("an instance id must be non-blank and hold no blanks: '" + instance
                    + "'");
        }
        if (event.indexOf('\n') >= 0 || event.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a log event is one line: '" + event + "'");
        }
    }

    /** Whether the text can name an instance in a log line (non-blank, no blanks). */
    public static boolean isInstanceId(String text) {
        return text != null && !text.isEmpty() && text.chars().noneMatch(Character::isWhitespace);
    }

    /** The line as {@code /async/{id}/log} serves it: UWS timestamp, instance, event. */
    public String line() {
        return UwsDocuments.timestamp(time) + " " + instance + " " + event;
    }
}

package org.tapservice.core.uws;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ten execution phases of a UWS 1.1 job (section 2.1.3), named as the standard and its
 * schema spell them. Every question asked of a phase is answered by an explicit switch, never
 * by declaration order, so reordering the constants changes nothing.
 */
public enum ExecutionPhase {
    PENDING,
    QUEUED,
    EXECUTING,
    COMPLETED,
    ERROR,
    ABORTED,
    UNKNOWN,
    HELD,
    SUSPENDED,
    ARCHIVED;

    /** The phase's name as UWS documents and the /phase resource carry it. */
    public String value() {
        return name();
    }

    /**
     * The phase named by the text, ignoring case and surrounding blanks: clients send
     * {@code PHASE=executing} to job lists as often as {@code PHASE=EXECUTING}.
     *
     * @throws IllegalArgumentException naming the accepted values when the text names none
     */
    public static ExecutionPhase parse(String text) {
        if (text != null) {
            String name = text.strip().toUpperCase(Locale.ROOT);
            for (ExecutionPhase phase : values()) {
                if (phase.name().equals(name)) {
                    return phase;
                }
            }
        }
        throw new IllegalArgumentException("unknown UWS execution phase '" + text + "': expected one of "
                + Arrays.stream(values()).map(ExecutionPhase::value).collect(Collectors.joining(", ")));
    }

    /**
     * Whether the job is over: nothing more will run and, apart from being archived, its phase
     * never changes again.
     */
    public boolean isFinal() {
        return switch (this) {
            case COMPLETED, ERROR, ABORTED, ARCHIVED -> true;
            case PENDING, QUEUED, EXECUTING, UNKNOWN, HELD, SUSPENDED -> false;
        };
    }

    /**
     * The phases UWS 1.1 section 2.2.1.1 calls active: the ones a blocking GET (WAIT) may wait
     * in. HELD and SUSPENDED are neither active nor final: the job waits for the client or the
     * system, and a WAIT must return at once.
     */
    public boolean isActive() {
        return switch (this) {
            case PENDING, QUEUED, EXECUTING -> true;
            case COMPLETED, ERROR, ABORTED, ARCHIVED, UNKNOWN, HELD, SUSPENDED -> false;
        };
    }
}

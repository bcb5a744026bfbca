package org.tapservice.core.uws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The words of the job log: one line each, and what each phase change is called. */
class JobLogEventsTest {

    private static final Instant T0 = Instant.parse("2030-01-02T03:04:05Z");

    @Test
    void eachPhaseChangeIsCalledWhatItIs() {
        assertThat(JobLogEvents.transition(ExecutionPhase.QUEUED, JobChange.none())).isEqualTo("queued");
        assertThat(JobLogEvents.transition(ExecutionPhase.HELD, JobChange.none())).isEqualTo("held");
        assertThat(JobLogEvents.transition(ExecutionPhase.ARCHIVED, JobChange.none())).isEqualTo("archived");
        assertThat(JobLogEvents.transition(ExecutionPhase.ABORTED, JobChange.aborted(T0)))
                .isEqualTo("aborted on request");
        assertThat(JobLogEvents.transition(ExecutionPhase.ERROR, JobChange.failed(T0, ErrorSummary.fatal("bad"))))
                .isEqualTo("finished ERROR: bad");
    }

    @Test
    void anErrorMessageBecomesOneLineOfBoundedLength() {
        String message = "line one\r\n  line two\n" + "x".repeat(2000);

        String event = JobLogEvents.finished(ExecutionPhase.ERROR, JobChange.failed(T0, ErrorSummary.fatal(message)));

        assertThat(event).startsWith("finished ERROR: line one line two xxx").doesNotContain("\n", "\r")
                .hasSize(JobLogEvents.MAX_LENGTH).endsWith("…");
        assertThat(new JobLogEntry(T0, "host-1", event).line()).startsWith("2030-01-02T03:04:05.000Z host-1 finished");
    }
}

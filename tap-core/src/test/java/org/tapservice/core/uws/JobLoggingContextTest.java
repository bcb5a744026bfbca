package org.tapservice.core.uws;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * A job's logging context names the job, its owner, its run id and the instance in the MDC
 * while it is open, and leaves the MDC as it found it once closed, also when contexts nest.
 */
class JobLoggingContextTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void whileOpenTheMdcNamesTheJobItsOwnerItsRunIdAndTheInstance() {
        Job job = job(Optional.of("alice"), Optional.of("survey-7"));

        try (JobLoggingContext context = JobLoggingContext.of(job, "pod-1")) {
            assertThat(MDC.getCopyOfContextMap()).containsEntry("jobId", job.id().value())
                    .containsEntry("owner", "alice").containsEntry("runId", "survey-7")
                    .containsEntry("instance", "pod-1");
        }

        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void anAnonymousJobWithoutRunIdLeavesThoseKeysOutAndANestedContextGivesBackTheOuterOne() {
        Job outer = job(Optional.of("alice"), Optional.empty());
        Job inner = job(Optional.empty(), Optional.empty());

        try (JobLoggingContext worker = JobLoggingContext.instance("pod-1");
             JobLoggingContext first = JobLoggingContext.of(outer, "pod-1")) {
            try (JobLoggingContext second = JobLoggingContext.of(inner, "pod-1")) {
                assertThat(MDC.get("jobId")).isEqualTo(inner.id().value());
                assertThat(MDC.get("owner")).isNull();
                assertThat(MDC.get("runId")).isNull();
            }
            assertThat(MDC.get("jobId")).isEqualTo(outer.id().value());
            assertThat(MDC.get("owner")).isEqualTo("alice");
        }

        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void anInstanceWithoutANameNamesNone() {
        try (JobLoggingContext worker = JobLoggingContext.instance("")) {
            assertThat(MDC.get("instance")).isNull();
        }
    }

    private static Job job(Optional<String> owner, Optional<String> runId) {
        return Job.pending(JobId.random(RANDOM, owner), owner, runId,
                List.of(Parameter.of("LANG", "ADQL")), NOW, Duration.ofMinutes(1), NOW.plus(Duration.ofDays(1)));
    }
}

package org.tapservice.core.uws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobChangeTest {

    private static final Instant T0 = Instant.parse("2030-01-02T03:04:05Z");

    private final Job job = Job.pending(JobId.random(new SecureRandom()), Optional.of("alice"), Optional.of("r1"),
            List.of(Parameter.of("LANG", "ADQL"), Parameter.of("QUERY", "SELECT 1"),
                    Parameter.of("UPLOAD", "a,http://x/a"), Parameter.of("UPLOAD", "b,http://x/b")),
            T0, Duration.ofSeconds(60), T0.plus(Duration.ofDays(1)));

    @Test
    void noChangeLeavesTheJobAsItIs() {
        assertThat(JobChange.none().applyTo(job)).isEqualTo(job);
        assertThat(JobChange.none().isEmpty()).isTrue();
    }

    @Test
    void aParameterGivenAgainReplacesTheOldValueInItsPlace() {
        Job changed = JobChange.none().withParameters(List.of(Parameter.of("query", "SELECT 2"))).applyTo(job);

        assertThat(changed.parameters()).containsExactly(Parameter.of("LANG", "ADQL"),
                Parameter.of("query", "SELECT 2"), Parameter.of("UPLOAD", "a,http://x/a"),
                Parameter.of("UPLOAD", "b,http://x/b"));
    }

    @Test
    void aRepeatedParameterGivenAgainReplacesAllItsValues() {
        Job changed = JobChange.none().withParameters(List.of(Parameter.of("UPLOAD", "c,http://x/c"),
                Parameter.of("MAXREC", "5"), Parameter.of("upload", "d,http://x/d"))).applyTo(job);

        assertThat(changed.parameters()).containsExactly(Parameter.of("LANG", "ADQL"),
                Parameter.of("QUERY", "SELECT 1"), Parameter.of("UPLOAD", "c,http://x/c"),
                Parameter.of("upload", "d,http://x/d"), Parameter.of("MAXREC", "5"));
    }

    @Test
    void aCompletionSetsEndTimeAndResultsAndNothingElse() {
        Job done = JobChange.completed(T0.plusSeconds(9), List.of(Result.main("text/csv", 3))).applyTo(job);

        assertThat(done).isEqualTo(job.withEndTime(Optional.of(T0.plusSeconds(9)))
                .withResults(List.of(Result.main("text/csv", 3))));
    }

    @Test
    void theFieldsOfAChangeAreNamed() {
        assertThat(JobChange.failed(T0, ErrorSummary.fatal("x")).fields())
                .containsExactlyInAnyOrder(JobChange.Field.END_TIME, JobChange.Field.ERROR);
    }

    @Test
    void onlyClientFieldsMayBeUpdatedWithoutAPhaseChange() {
        JobChange.none().withRunId("x").withDestruction(T0).withExecutionDuration(Duration.ZERO)
                .withParameters(List.of()).checkIsUpdate();

        assertThatThrownBy(() -> JobChange.none().withQuote(T0).checkIsUpdate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("QUOTE");
    }

    @ParameterizedTest
    @EnumSource(ExecutionPhase.class)
    void theJobsDefinitionMayChangeOnlyWhilePending(ExecutionPhase phase) {
        boolean pending = phase == ExecutionPhase.PENDING;
        assertThat(JobChange.none().withParameters(List.of()).isAllowedWhile(phase)).isEqualTo(pending);
        assertThat(JobChange.none().withRunId("x").isAllowedWhile(phase)).isEqualTo(pending);
        assertThat(JobChange.none().withExecutionDuration(Duration.ZERO).isAllowedWhile(phase)).isEqualTo(pending);
    }

    @ParameterizedTest
    @EnumSource(ExecutionPhase.class)
    void theDestructionTimeMayChangeUntilArchived(ExecutionPhase phase) {
        boolean allowed = phase != ExecutionPhase.ARCHIVED && phase != ExecutionPhase.UNKNOWN;
        assertThat(JobChange.none().withDestruction(T0).isAllowedWhile(phase)).isEqualTo(allowed);
    }
}

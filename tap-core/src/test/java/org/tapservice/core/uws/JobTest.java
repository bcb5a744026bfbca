package org.tapservice.core.uws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class JobTest {

    private static final Instant T0 = Instant.parse("2030-01-02T03:04:05.678Z");

    private final SecureRandom random = new SecureRandom();

    private Job job(List<Parameter> parameters) {
        return Job.pending(JobId.random(random), Optional.empty(), Optional.empty(), parameters, T0,
                Duration.ofMinutes(10), T0.plus(Duration.ofDays(1)));
    }

    @Test
    void aNewJobIsPendingWithNothingYetRecorded() {
        Job job = job(List.of());

        assertThat(job.phase()).isEqualTo(ExecutionPhase.PENDING);
        assertThat(job.quote()).isEmpty();
        assertThat(job.startTime()).isEmpty();
        assertThat(job.endTime()).isEmpty();
        assertThat(job.results()).isEmpty();
        assertThat(job.error()).isEmpty();
    }

    @Test
    void parameterNamesAreLookedUpWithoutRegardToCase() {
        Job job = job(List.of(Parameter.of("QUERY", "SELECT 1"), Parameter.of("Lang", "ADQL")));

        assertThat(job.parameter("query")).contains("SELECT 1");
        assertThat(job.parameter("LANG")).contains("ADQL");
        assertThat(job.parameter("MAXREC")).isEmpty();
    }

    @Test
    void aRepeatedParameterKeepsEveryValueInOrderAndItsLastCountsAsTheValue() {
        Job job = job(List.of(Parameter.of("UPLOAD", "a,http://x/a"), Parameter.of("upload", "b,http://x/b")));

        assertThat(job.parameterValues("Upload")).containsExactly("a,http://x/a", "b,http://x/b");
        assertThat(job.parameter("UPLOAD")).contains("b,http://x/b");
    }

    @Test
    void theParametersCannotBeChangedThroughTheJob() {
        List<Parameter> given = new ArrayList<>(List.of(Parameter.of("A", "1")));
        Job job = job(given);
        given.add(Parameter.of("B", "2"));

        assertThat(job.parameters()).hasSize(1);
        assertThatThrownBy(() -> job.parameters().add(Parameter.of("C", "3")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void timesAreKeptToTheMillisecondAndDurationsToTheSecond() {
        Instant fine = Instant.parse("2030-01-02T03:04:05.678912345Z");
        Job job = Job.pending(JobId.random(random), Optional.empty(), Optional.empty(), List.of(), fine,
                Duration.ofMillis(1999), fine).withStartTime(Optional.of(fine));

        assertThat(job.creationTime()).isEqualTo(Instant.parse("2030-01-02T03:04:05.678Z"));
        assertThat(job.startTime()).contains(Instant.parse("2030-01-02T03:04:05.678Z"));
        assertThat(job.destruction()).isEqualTo(Instant.parse("2030-01-02T03:04:05.678Z"));
        assertThat(job.executionDuration()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anEmptyRunIdIsNoRunId() {
        assertThat(job(List.of()).withRunId(Optional.of("")).runId()).isEmpty();
    }

    @Test
    void aNegativeExecutionDurationOrBlankOwnerIsRejected() {
        Job job = job(List.of());

        assertThatThrownBy(() -> job.withExecutionDuration(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Job(job.id(), job.runId(), Optional.of(" "), job.phase(),
                job.executionDuration(), job.destruction(), job.quote(), job.creationTime(), job.startTime(),
                job.endTime(), job.parameters(), job.results(), job.error()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMainResultIsCalledResult() {
        Job job = job(List.of()).withResults(List.of(Result.main("text/csv", 5)));

        assertThat(job.result("result")).contains(new Result("result", "text/csv", 5));
        assertThat(job.result("other")).isEmpty();
    }

    @Test
    void aResultIdMustBeUsableAsAPathSegment() {
        assertThatThrownBy(() -> new Result("a/b", "text/csv", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Result("r", "text/csv", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorTypesAreWrittenInLowerCaseAndReadInAnyCase() {
        assertThat(ErrorType.FATAL.value()).isEqualTo("fatal");
        assertThat(ErrorType.parse("Transient")).isEqualTo(ErrorType.TRANSIENT);
        assertThatThrownBy(() -> ErrorType.parse("warning")).isInstanceOf(IllegalArgumentException.class);
    }
}

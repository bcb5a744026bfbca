package org.tapservice.core.uws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.dali.DaliParameters;

class JobFilterTest {

    private static DaliParameters parameters(String... namesAndValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.computeIfAbsent(namesAndValues[i], name -> new java.util.ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return DaliParameters.of(map);
    }

    @Test
    void withoutParametersEveryJobButArchivedOnesIsListed() {
        JobFilter filter = JobFilter.parse(parameters(), OwnerFilter.any());

        assertThat(filter).isEqualTo(JobFilter.all());
        assertThat(filter.effectivePhases()).doesNotContain(ExecutionPhase.ARCHIVED).hasSize(9);
    }

    @Test
    void phaseMayBeRepeatedAndIsReadInAnyCase() {
        JobFilter filter = JobFilter.parse(parameters("PHASE", "executing", "phase", "QUEUED"), OwnerFilter.any());

        assertThat(filter.phases()).containsExactlyInAnyOrder(ExecutionPhase.EXECUTING, ExecutionPhase.QUEUED);
    }

    @Test
    void afterIsAnIso8601TimeInUtc() {
        Instant expected = Instant.parse("2014-09-10T10:01:02Z");

        assertThat(JobFilter.parse(parameters("AFTER", "2014-09-10T10:01:02.000Z"), OwnerFilter.any()).after())
                .contains(expected);
        assertThat(JobFilter.parse(parameters("AFTER", "2014-09-10T10:01:02"), OwnerFilter.any()).after())
                .contains(expected);
        assertThat(JobFilter.parse(parameters("AFTER", "2014-09-10"), OwnerFilter.any()).after())
                .contains(Instant.parse("2014-09-10T00:00:00Z"));
    }

    @Test
    void lastIsAnIntegerGreaterThanZero() {
        assertThat(JobFilter.parse(parameters("LAST", "100"), OwnerFilter.any()).last()).isEqualTo(OptionalInt.of(100));
    }

    @Test
    void badValuesAreTheClientsErrorsNamingTheParameter() {
        assertInvalid(parameters("PHASE", "RUNNING"), "PHASE");
        assertInvalid(parameters("AFTER", "yesterday"), "AFTER");
        assertInvalid(parameters("AFTER", "2014-13-40T10:00:00"), "AFTER");
        assertInvalid(parameters("LAST", "0"), "LAST");
        assertInvalid(parameters("LAST", "-3"), "LAST");
        assertInvalid(parameters("LAST", "ten"), "LAST");
    }

    @Test
    void theOwnerFilterComesFromTheCaller() {
        assertThat(OwnerFilter.of(Optional.of("alice"))).isEqualTo(OwnerFilter.owner("alice"));
        assertThat(OwnerFilter.of(Optional.empty())).isEqualTo(OwnerFilter.anonymous());
        assertThat(OwnerFilter.anonymous().matches(Optional.of("alice"))).isFalse();
        assertThat(OwnerFilter.owner("alice").matches(Optional.empty())).isFalse();
        assertThat(OwnerFilter.any().matches(Optional.empty())).isTrue();
    }

    @Test
    void lastMustBePositiveWhenBuiltInCodeToo() {
        assertThatThrownBy(() -> new JobFilter(OwnerFilter.any(), Set.of(), Optional.empty(), OptionalInt.of(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertInvalid(DaliParameters parameters, String name) {
        assertThatThrownBy(() -> JobFilter.parse(parameters, OwnerFilter.any()))
                .isInstanceOfSatisfying(TapException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.getMessage()).startsWith(name);
                });
    }
}

package org.tapservice.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** bin/tap capacity-report's options: the full report by default, bad input refused before anything starts. */
class CapacityOptionsTest {

    @Test
    void withoutOptionsEveryPartRunsAtTheDocumentedSteps() {
        CapacityOptions options = CapacityOptions.parse();
        assertThat(options.instances()).containsExactly(1, 2);
        assertThat(options.users()).containsExactly(1, 2, 4, 8, 16, 32);
        assertThat(options.rows()).containsExactly(100, 1000, 10000, 100000, 1000000);
        assertThat(options.jobs()).containsExactly(1000L, 10000L, 100000L);
        assertThat(options.parts()).isEqualTo(Set.of(CapacityOptions.Part.values()));
    }

    @Test
    void listsAreCommaSeparated() {
        CapacityOptions options = CapacityOptions.parse("-instances", "1", "-users", "1, 4,16", "-parts", "load,jobs",
                "-jobs", "1000,1000000");
        assertThat(options.users()).isEqualTo(List.of(1, 4, 16));
        assertThat(options.parts()).containsExactlyInAnyOrder(CapacityOptions.Part.LOAD, CapacityOptions.Part.JOBS);
        assertThat(options.jobs()).containsExactly(1000L, 1000000L);
    }

    @Test
    void anUnknownOptionIsRefusedByName() {
        assertThatThrownBy(() -> CapacityOptions.parse("-user", "4")).hasMessage("unknown option -user");
    }

    @Test
    void anOptionWithoutItsValueIsRefused() {
        assertThatThrownBy(() -> CapacityOptions.parse("-duration")).hasMessageContaining("expected -option value");
    }

    @Test
    void anUnknownPartIsRefusedWithThePartsThereAre() {
        assertThatThrownBy(() -> CapacityOptions.parse("-parts", "load,cones"))
                .hasMessage("-parts takes targets, load, results and jobs: load,cones");
    }

    @Test
    void fewerThanAThousandJobsAreRefused() {
        assertThatThrownBy(() -> CapacityOptions.parse("-jobs", "100")).hasMessageContaining("1000 or more");
    }
}

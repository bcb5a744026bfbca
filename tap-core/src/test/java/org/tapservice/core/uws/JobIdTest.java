package org.tapservice.core.uws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;

class JobIdTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void aNewIdIsTwentyUrlSafeCharacters() {
        for (int i = 0; i < 200; i++) {
            assertThat(JobId.random(random).value()).hasSize(20).matches("[A-Za-z0-9_-]+");
        }
    }

    @Test
    void newIdsDoNotRepeat() {
        Set<JobId> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(ids.add(JobId.random(random))).isTrue();
        }
    }

    @Test
    void anIdParsesBackToItself() {
        JobId id = JobId.random(random);

        assertThat(JobId.parse(id.value())).isEqualTo(id);
        assertThat(id.toString()).isEqualTo(id.value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "AAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAA", "AAAAAAAAAA/AAAAAAAAA",
            "AAAAAAAAAA.AAAAAAAAA", "../../../etc/passwd00", "AAAAAAAAAAAAAAAAAAA\n", "AAAAAAAAAAAAAAAAAAA%"})
    void aPathSegmentThatIsNotAnIdNamesNoJob(String text) {
        assertThatThrownBy(() -> JobId.parse(text)).isInstanceOfSatisfying(TapException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
            assertThat(e.getMessage()).contains("is not a job id");
        });
    }

    @Test
    void aLongBadIdIsShortenedInTheMessage() {
        assertThatThrownBy(() -> JobId.parse("x".repeat(5000))).hasMessageContaining("...")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    @Test
    void theConstructorRejectsMalformedIdsToo() {
        assertThatThrownBy(() -> new JobId("short")).isInstanceOf(IllegalArgumentException.class);
    }
}

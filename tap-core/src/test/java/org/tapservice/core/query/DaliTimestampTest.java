package org.tapservice.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

/** DALI 1.1 section 3.3.3: timestamps are YYYY-MM-DDThh:mm:ss with an optional fraction. */
class DaliTimestampTest {

    @Test
    void aTimestampAlwaysHasSecondsAndMilliseconds() {
        assertThat(DaliTimestamp.format(LocalDateTime.of(2017, 5, 4, 23, 0))).isEqualTo("2017-05-04T23:00:00.000");
        assertThat(DaliTimestamp.format(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000)))
                .isEqualTo("2024-01-02T03:04:05.120");
    }

    @Test
    void microsecondsPostgresqlStoredAreKept() {
        assertThat(DaliTimestamp.format(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000)))
                .isEqualTo("2024-01-02T03:04:05.123456");
    }

    @Test
    void earlyYearsArePaddedToFourDigits() {
        assertThat(DaliTimestamp.format(LocalDateTime.of(5, 1, 1, 0, 0))).isEqualTo("0005-01-01T00:00:00.000");
    }

    @Test
    void aDateIsYearMonthDay() {
        assertThat(DaliTimestamp.format(LocalDate.of(1999, 12, 31))).isEqualTo("1999-12-31");
    }
}

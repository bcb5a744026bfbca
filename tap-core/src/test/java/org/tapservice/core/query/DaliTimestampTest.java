package org.tapservice.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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

    @Test
    void aBinaryTimestampIsFormattedAsTheSameTimestampReadAsLocalDateTime() {
        List<LocalDateTime> times = new ArrayList<>(List.of(
                LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
                LocalDateTime.of(2000, 1, 1, 0, 0), LocalDateTime.of(1999, 12, 31, 23, 59, 59),
                LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1000), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000),
                LocalDateTime.of(2000, 2, 29, 12, 0), LocalDateTime.of(1900, 3, 1, 0, 0), LocalDateTime.of(1582, 10, 4, 1, 2),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_000_000), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000)));
        Random random = new Random(20261127);
        long first = LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
        long last = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);
        for (int i = 0; i < 100_000; i++) {
            long second = first + (long) (random.nextDouble() * (last - first));
            int micros = random.nextBoolean() ? random.nextInt(1_000_000) : random.nextInt(1000) * 1000;
            times.add(LocalDateTime.ofEpochSecond(second, micros * 1000, ZoneOffset.UTC));
        }
        for (LocalDateTime time : times) {
            long micros = ChronoUnit.MICROS.between(POSTGRES_EPOCH, time);
            assertThat(DaliTimestamp.formatsPostgresMicros(micros)).as("%s", time).isTrue();
            assertThat(DaliTimestamp.formatPostgresMicros(micros)).isEqualTo(DaliTimestamp.format(time));
        }
    }

    @Test
    void infinitiesAndYearsBeyondFourDigitsAreNotFormattedFromBinary() {
        // PostgreSQL sends infinity and -infinity as the largest and smallest int8
        assertThat(DaliTimestamp.formatsPostgresMicros(Long.MAX_VALUE)).isFalse();
        assertThat(DaliTimestamp.formatsPostgresMicros(Long.MIN_VALUE)).isFalse();
        assertThat(DaliTimestamp.formatsPostgresMicros(
                ChronoUnit.MICROS.between(POSTGRES_EPOCH, LocalDateTime.of(10000, 1, 1, 0, 0)))).isFalse();
        assertThat(DaliTimestamp.formatsPostgresMicros(
                ChronoUnit.MICROS.between(POSTGRES_EPOCH, LocalDateTime.of(0, 12, 31, 23, 59, 59)))).isFalse();
    }

    @Test
    void anyBinaryTimestampIsFormattedAsItsLocalDateTimeAndTheInfinitiesAreEmpty() {
        for (LocalDateTime time : List.of(LocalDateTime.of(12000, 6, 1, 10, 0, 0, 500_000_000),
                LocalDateTime.of(-43, 3, 15, 12, 0), LocalDateTime.of(0, 12, 31, 23, 59, 59, 1000),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_000_000))) {
            assertThat(DaliTimestamp.formatPostgresTimestamp(ChronoUnit.MICROS.between(POSTGRES_EPOCH, time)))
                    .isEqualTo(DaliTimestamp.format(time));
        }
        assertThat(DaliTimestamp.formatPostgresTimestamp(Long.MAX_VALUE)).isNull();
        assertThat(DaliTimestamp.formatPostgresTimestamp(Long.MIN_VALUE)).isNull();
    }

    @Test
    void aBinaryDateIsDaysSince2000AndTheInfinitiesAreEmpty() {
        assertThat(DaliTimestamp.formatPostgresDate(0)).isEqualTo("2000-01-01");
        assertThat(DaliTimestamp.formatPostgresDate(-1)).isEqualTo("1999-12-31");
        assertThat(DaliTimestamp.formatPostgresDate(59)).isEqualTo("2000-02-29");
        assertThat(DaliTimestamp.formatPostgresDate(Integer.MAX_VALUE)).isNull();
        assertThat(DaliTimestamp.formatPostgresDate(Integer.MIN_VALUE)).isNull();
    }

    private static final LocalDateTime POSTGRES_EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);
}

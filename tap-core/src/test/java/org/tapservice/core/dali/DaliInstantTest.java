package org.tapservice.core.dali;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Timestamps as DALI 1.1 section 3.3.3 writes them (ISO 8601, UTC, optional fraction and Z),
 * and the explicit offsets clients' languages print.
 */
class DaliInstantTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2014-09-10                    | 2014-09-10T00:00:00Z
            2014-09-10T10:01:02           | 2014-09-10T10:01:02Z
            2014-09-10T10:01:02Z          | 2014-09-10T10:01:02Z
            2014-09-10T10:01:02z          | 2014-09-10T10:01:02Z
            2014-09-10T10:01:02.000Z      | 2014-09-10T10:01:02Z
            2014-09-10T10:01:02.5         | 2014-09-10T10:01:02.500Z
            2014-09-10T10:01:02.123456Z   | 2014-09-10T10:01:02.123456Z
            2014-09-10T10:01              | 2014-09-10T10:01:00Z
            """)
    void aDaliTimestampIsReadInUtc(String text, String expected) {
        assertThat(DaliInstant.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2014-09-10T10:01:02+01:00     | 2014-09-10T09:01:02Z
            2014-09-10T10:01:02.25-05:00  | 2014-09-10T15:01:02.250Z
            2014-09-10T23:30:00-01:00     | 2014-09-11T00:30:00Z
            2014-09-10T10:01:02+00:00     | 2014-09-10T10:01:02Z
            """)
    void anExplicitOffsetIsHonoured(String text, String expected) {
        assertThat(DaliInstant.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {" 2014-09-10T10:01:02Z ", "\t2014-09-10T10:01:02Z\n"})
    void surroundingBlanksAreIgnored(String text) {
        assertThat(DaliInstant.parse(text)).isEqualTo(Instant.parse("2014-09-10T10:01:02Z"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "tomorrow", "10/09/2014", "2014-13-01", "2014-02-30", "2014-09-10 10:01:02",
            "2014-09-10T25:00:00Z", "2014-09-10T10:01:02+0100", "1410343262", "2014-09-10TZ"})
    void anythingElseIsRefusedNamingTheExpectedForm(String text) {
        assertThatThrownBy(() -> DaliInstant.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO 8601")
                .hasMessageContaining("2014-09-10T10:01:02.000Z")
                .hasMessageContaining("'" + text + "'");
    }
}

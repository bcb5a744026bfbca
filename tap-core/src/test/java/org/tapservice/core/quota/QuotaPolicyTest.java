package org.tapservice.core.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which quota a caller gets, and how request rates are written. */
class QuotaPolicyTest {

    private static final Quota ANONYMOUS = quota(1, 2, 1000, "1/1s");
    private static final Quota EVERYONE = quota(2, 10, 10_000, "5/1s");
    private static final Quota ASTRONOMER = new Quota(OptionalInt.of(8), OptionalInt.of(5), OptionalLong.empty(),
            Optional.of(new RequestRate(10, Duration.ofSeconds(1))));
    private static final Quota ARCHIVIST = quota(4, 50, 5000, "100/1m");
    private static final QuotaPolicy POLICY = new QuotaPolicy(ANONYMOUS, EVERYONE,
            Map.of("astronomer", ASTRONOMER, "archivist", ARCHIVIST));

    @Test
    void anonymousCallersShareTheAnonymousQuotaWhateverRolesTheyClaim() {
        assertThat(POLICY.of(Optional.empty(), Set.of("astronomer"))).isEqualTo(ANONYMOUS);
    }

    @Test
    void anAuthenticatedCallerWithoutARoleThatHasAQuotaGetsEveryonesQuota() {
        assertThat(POLICY.of(Optional.of("alice"), Set.of())).isEqualTo(EVERYONE);
        assertThat(POLICY.of(Optional.of("alice"), Set.of("reader"))).isEqualTo(EVERYONE);
    }

    @Test
    void aCallerWithSeveralRolesGetsTheMostGenerousLimitOfEachKind() {
        Quota both = POLICY.of(Optional.of("alice"), Set.of("astronomer", "archivist"));

        assertThat(both.executingJobs()).hasValue(8);
        assertThat(both.queuedJobs()).hasValue(50);
        assertThat(both.storedBytes()).as("no limit beats any").isEmpty();
        assertThat(both.syncRequests()).contains(new RequestRate(10, Duration.ofSeconds(1)));
    }

    @Test
    void aRateIsABurstOverAPeriod() {
        assertThat(RequestRate.parse("10/1s")).isEqualTo(new RequestRate(10, Duration.ofSeconds(1)));
        assertThat(RequestRate.parse(" 600 / 1h ")).isEqualTo(new RequestRate(600, Duration.ofHours(1)));
        assertThat(RequestRate.parse("5/250ms")).isEqualTo(new RequestRate(5, Duration.ofMillis(250)));
        assertThat(RequestRate.parse("2/PT30M")).isEqualTo(new RequestRate(2, Duration.ofMinutes(30)));
    }

    @Test
    void aMalformedRateIsRefusedWithAnExample() {
        for (String text : new String[] {"10", "ten/1s", "10/1y", "0/1s", "10/0s"}) {
            assertThatThrownBy(() -> RequestRate.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + text + "'");
        }
    }

    @Test
    void aQuotaThatLetsNoJobRunIsRefused() {
        assertThatThrownBy(() -> quota(0, 1, 1, "1/1s")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one job must be allowed to execute");
    }

    private static Quota quota(int executing, int queued, long bytes, String rate) {
        return new Quota(OptionalInt.of(executing), OptionalInt.of(queued), OptionalLong.of(bytes),
                Optional.of(RequestRate.parse(rate)));
    }
}

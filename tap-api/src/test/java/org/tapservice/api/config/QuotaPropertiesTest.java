package org.tapservice.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.tapservice.core.quota.Quota;
import org.tapservice.core.quota.QuotaPolicy;
import org.tapservice.core.quota.RequestRate;

/**
 * tap.quotas.* as an operator writes it: everyone's limits, what differs for anonymous callers
 * and for roles, anything left out being everyone's, and nothing set being no limit.
 */
class QuotaPropertiesTest {

    @Test
    void nothingConfiguredIsNoLimitForAnyone() {
        QuotaPolicy policy = bind(Map.of()).policy();

        assertThat(policy.of(Optional.empty(), Set.of())).isEqualTo(Quota.UNLIMITED);
        assertThat(policy.of(Optional.of("alice"), Set.of("astronomer"))).isEqualTo(Quota.UNLIMITED);
    }

    @Test
    void anonymousCallersAndRolesChangeOnlyTheLimitsTheyName() {
        QuotaPolicy policy = bind(Map.of(
                "tap.quotas.everyone.executing-jobs", "4",
                "tap.quotas.everyone.queued-jobs", "100",
                "tap.quotas.everyone.stored-bytes", "10GB",
                "tap.quotas.everyone.sync-rate", "10/1s",
                "tap.quotas.anonymous.executing-jobs", "1",
                "tap.quotas.anonymous.stored-bytes", "100MB",
                "tap.quotas.roles.gaia-team.executing-jobs", "32")).policy();

        Quota anonymous = policy.of(Optional.empty(), Set.of());
        assertThat(anonymous.executingJobs()).hasValue(1);
        assertThat(anonymous.queuedJobs()).hasValue(100);
        assertThat(anonymous.storedBytes()).hasValue(100L * 1024 * 1024);
        assertThat(anonymous.syncRequests()).contains(new RequestRate(10, Duration.ofSeconds(1)));
        Quota team = policy.of(Optional.of("alice"), Set.of("gaia-team"));
        assertThat(team.executingJobs()).hasValue(32);
        assertThat(team.storedBytes()).hasValue(10L * 1024 * 1024 * 1024);
        assertThat(policy.of(Optional.of("bob"), Set.of()).executingJobs()).hasValue(4);
    }

    private static QuotaProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("tap.quotas",
                QuotaProperties.class);
    }
}

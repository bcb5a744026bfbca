package org.tapservice.api.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.tapservice.core.quota.Quota;
import org.tapservice.core.quota.QuotaPolicy;
import org.tapservice.core.quota.RequestRate;

/**
 * Per-owner quotas ({@code tap.quotas.*}): {@code everyone} is the quota of every caller,
 * {@code anonymous} and each of {@code roles.<role>} change the limits they set for anonymous
 * callers (together one owner, since nothing tells them apart) and for callers with that role.
 * A limit left out is the one of {@code everyone}; one left out there is no limit. A caller with
 * several roles gets the most generous limit any of them sets.
 *
 * @param everyone  the quota of every caller, unless changed below
 * @param anonymous what differs for anonymous callers
 * @param roles     what differs for a role (the authentication layer names the roles)
 */
@ConfigurationProperties("tap.quotas")
public record QuotaProperties(@DefaultValue Limits everyone, @DefaultValue Limits anonymous,
                              Map<String, Limits> roles) {

    public QuotaProperties {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
    }

    /**
     * One set of limits; each may be left out.
     *
     * @param executingJobs how many jobs may be EXECUTING at once (more wait QUEUED)
     * @param queuedJobs    how many jobs may be QUEUED (PHASE=RUN beyond it is refused with 429)
     * @param storedBytes   bytes of results the owner's jobs may keep (PHASE=RUN at or beyond it
     *                      is refused with 429; a result that would pass it ends its job in ERROR)
     * @param syncRate      synchronous queries, {@code <n>/<period>} such as {@code 10/1s}: a
     *                      burst of n, refilled evenly over the period (beyond it: 429 with
     *                      Retry-After)
     */
    public record Limits(Integer executingJobs, Integer queuedJobs, DataSize storedBytes, String syncRate) {

        /** These limits, each left out taken from {@code base}. */
        Quota over(Quota base) {
            return new Quota(executingJobs == null ? base.executingJobs() : OptionalInt.of(executingJobs),
                    queuedJobs == null ? base.queuedJobs() : OptionalInt.of(queuedJobs),
                    storedBytes == null ? base.storedBytes() : OptionalLong.of(storedBytes.toBytes()),
                    syncRate == null ? base.syncRequests() : Optional.of(RequestRate.parse(syncRate)));
        }
    }

    /** The policy these properties describe. */
    public QuotaPolicy policy() {
        Quota base = everyone.over(Quota.UNLIMITED);
        Map<String, Quota> byRole = new HashMap<>();
        roles.forEach((role, limits) -> byRole.put(role, limits.over(base)));
        return new QuotaPolicy(anonymous.over(base), base, byRole);
    }
}

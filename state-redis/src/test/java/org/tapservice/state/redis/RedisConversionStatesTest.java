package org.tapservice.state.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tapservice.core.results.ConversionClaim;
import org.tapservice.core.results.ConversionStates;
import org.tapservice.core.results.ConversionStatesContract;
import org.tapservice.core.uws.JobId;

/** {@link RedisConversionStates} on the local Redis keeps the contract, in a namespace of each test's own. */
class RedisConversionStatesTest extends ConversionStatesContract {

    @RegisterExtension
    static final RedisNamespace redis = new RedisNamespace();

    private JobKeys keys;

    @Override
    protected ConversionStates newStates() {
        keys = redis.newNamespace();
        return new RedisConversionStates(redis.factory(), keys);
    }

    @Test
    void aConversionIsOneKeyInItsJobsSlotThatExpiresWithTheLease() {
        JobId job = JobId.random(new SecureRandom());
        ConversionStates states = newStates();

        assertThat(states.claim(job, "result-csv", "a", Duration.ofMinutes(1))).isInstanceOf(ConversionClaim.Granted.class);

        assertThat(redis.keys(keys)).containsExactly(keys.namespace() + "conversion:{" + job.bucket() + "}" + job.value()
                + ":result-csv");
        Long ttl = redis.template().getExpire(keys.conversion(job, "result-csv"));
        assertThat(ttl).isBetween(1L, 60L);
        assertThat(states.states(job, List.of("result-csv", "result-fits"))).containsOnlyKeys("result-csv");
    }
}

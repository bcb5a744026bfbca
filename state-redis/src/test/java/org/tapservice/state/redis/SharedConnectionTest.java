package org.tapservice.state.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisLoadingException;
import io.lettuce.core.RedisReadOnlyException;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisSystemException;

/**
 * Which failures are an outage (503, try again) rather than a fault: Redis out of reach, and
 * the answers of a Redis Cluster or a replication group between two topologies.
 */
class SharedConnectionTest {

    @Test
    void aConnectionRefusedIsAnOutage() {
        assertThat(SharedConnection.isUnreachable(new RedisConnectionException("Connection refused"))).isTrue();
    }

    @Test
    void aConnectionResetUnderACommandIsAnOutage() {
        // what a command in flight fails with when Redis is killed under it
        assertThat(SharedConnection.isUnreachable(new RedisSystemException("Redis command failed",
                new SocketException("Connection reset")))).isTrue();
    }

    @Test
    void aClusterWhosePrimaryIsFailingOverIsAnOutage() {
        assertThat(SharedConnection.isUnreachable(new RedisSystemException("Error in execution",
                new RedisCommandExecutionException("CLUSTERDOWN The cluster is down")))).isTrue();
        assertThat(SharedConnection.isUnreachable(new RedisCommandExecutionException(
                "TRYAGAIN Multiple keys request during rehashing of slot"))).isTrue();
    }

    @Test
    void aDemotedPrimaryOrANodeStillLoadingIsAnOutage() {
        assertThat(SharedConnection.isUnreachable(new RedisReadOnlyException(
                "READONLY You can't write against a read only replica."))).isTrue();
        assertThat(SharedConnection.isUnreachable(new RedisLoadingException(
                "LOADING Redis is loading the dataset in memory"))).isTrue();
    }

    @Test
    void anErrorRedisAnsweredOtherwiseIsAFault() {
        assertThat(SharedConnection.isUnreachable(new RedisCommandExecutionException(
                "ERR Error running script: user_script:3: attempt to compare nil with number"))).isFalse();
        assertThat(SharedConnection.isUnreachable(new RedisCommandExecutionException(
                "CROSSSLOT Keys in request don't hash to the same slot"))).isFalse();
    }
}

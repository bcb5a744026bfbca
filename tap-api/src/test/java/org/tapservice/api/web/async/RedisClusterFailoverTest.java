package org.tapservice.api.web.async;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.condition.EnabledIf;
import org.tapservice.core.testing.TestRedisCluster;
import org.tapservice.core.uws.JobId;

/**
 * The failover of {@link RedisFailoverTest} on a Redis Cluster of three primaries with a
 * replica each: the primary of the slot holding the anonymous jobs is killed, its replica takes
 * over, and every job whose creation was acknowledged (WAITed on every primary it was written
 * to) completes with its rows; creations while that slot has no replica are refused with 503.
 */
@EnabledIf("org.tapservice.core.testing.TestRedisCluster#installed")
class RedisClusterFailoverTest extends RedisFailoverTest {

    @Override
    ReplicatedRedis startRedis() {
        return new SharedCluster(TestRedisCluster.shared());
    }

    /** The JVM's cluster, which outlives the test: closing leaves it running, whole again. */
    private record SharedCluster(TestRedisCluster cluster) implements ReplicatedRedis {

        @Override
        public Map<String, String> springProperties() {
            return Map.of("spring.data.redis.cluster.nodes", cluster.nodes());
        }

        @Override
        public int killPrimary() throws InterruptedException {
            // every anonymous job's keys are tagged with the anonymous owners' bucket
            int primary = cluster.primaryPortOf("{" + JobId.bucketOf(Optional.empty()) + "}");
            cluster.kill(primary);
            return primary;
        }

        @Override
        public void awaitFailoverFrom(int killed) throws InterruptedException {
            cluster.awaitFailoverFrom(killed);
        }

        @Override
        public void restart(int killed) throws IOException, InterruptedException {
            cluster.restart(killed);
        }

        @Override
        public void close() {
        }
    }
}

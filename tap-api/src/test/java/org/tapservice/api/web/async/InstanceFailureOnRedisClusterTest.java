package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.tapservice.core.testing.TestRedisCluster;

/**
 * The instance failures of {@link InstanceFailureTest} (SIGKILL mid-job, SIGTERM) with the
 * instances' Redis a three-primary Redis Cluster: leases, the queue and takeovers work across
 * the cluster's nodes as on one Redis.
 */
@EnabledIf("org.tapservice.core.testing.TestRedisCluster#installed")
class InstanceFailureOnRedisClusterTest extends InstanceFailureTest {

    @Override
    Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(super.settings());
        settings.put("spring.data.redis.cluster.nodes", TestRedisCluster.shared().nodes());
        return settings;
    }

    @Test
    void theInstancesStateLiesOnEveryPrimaryOfTheCluster() throws Exception {
        UwsClient uws = new UwsClient(instances().alive().getFirst().url());
        String id = uws.submit("SELECT id FROM science.sources ORDER BY id", "RESPONSEFORMAT", "csv");
        assertThat(uws.awaitEnd(id)).isEqualTo("COMPLETED");

        assertThat(TestRedisCluster.shared().keysPerPrimary(instances().namespace() + ":*"))
                .hasSize(TestRedisCluster.PRIMARIES)
                .allSatisfy((port, keys) -> assertThat(keys).as("keys on the primary at port %d", port).isPositive());
        uws.delete(uws.job(id));
    }
}

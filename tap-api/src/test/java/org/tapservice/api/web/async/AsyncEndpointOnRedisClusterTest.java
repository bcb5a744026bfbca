package org.tapservice.api.web.async;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tapservice.core.testing.TestRedisCluster;

/**
 * Every test of the async resource's life cycle ({@link AsyncEndpointTest}) with the service's
 * Redis a three-primary Redis Cluster, configured by {@code spring.data.redis.cluster.nodes}
 * alone: the connection factory, the scripts, the events' subscription and the shared
 * connection all work on it as they do on one Redis.
 */
@EnabledIf("org.tapservice.core.testing.TestRedisCluster#installed")
class AsyncEndpointOnRedisClusterTest extends AsyncEndpointTest {

    @DynamicPropertySource
    static void redisCluster(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.cluster.nodes", () -> TestRedisCluster.shared().nodes());
    }

    @Test
    void theServicesStateLiesOnEveryPrimaryOfTheCluster() throws Exception {
        UwsClient uws = new UwsClient(baseUrl());
        String id = uws.submit("SELECT id FROM science.sources ORDER BY id", "RESPONSEFORMAT", "csv");
        assertThat(uws.awaitEnd(id)).isEqualTo("COMPLETED");

        // the job, the index of all jobs and the journal have slots on different primaries
        assertThat(TestRedisCluster.shared().keysPerPrimary(namespace() + ":*")).hasSize(TestRedisCluster.PRIMARIES)
                .allSatisfy((port, keys) -> assertThat(keys).as("keys on the primary at port %d", port).isPositive());
        uws.delete(uws.job(id));
    }
}

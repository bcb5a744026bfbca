package org.tapservice.api.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tapservice.state.redis.RedisJobQueue;
import org.tapservice.state.redis.RedisQuotaLedger;

/**
 * The service's own metrics beside Spring Boot's (HTTP requests, JVM, HikariCP pools, Lettuce
 * commands), exported at /actuator/prometheus. The README's runbook says what each is for.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    QueryMetrics queryMetrics(MeterRegistry registry) {
        return new QueryMetrics(registry);
    }

    @Bean
    JobMetrics jobMetrics(RedisJobQueue queue, RedisQuotaLedger ledger) {
        return new JobMetrics(queue, ledger);
    }

    @Bean
    JobEventMetrics jobEventMetrics(MeterRegistry registry) {
        return new JobEventMetrics(registry);
    }
}

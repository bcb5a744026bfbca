package org.tapservice.api.web.async;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.tapservice.api.TapApplication;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.testing.SampleCatalogue;
import org.tapservice.core.testing.TestDatabase;

/**
 * Several instances of the service, each a whole application on a port of its own with its own
 * pools, workers and Redis connections, sharing one PostgreSQL database and one Redis
 * namespace, as instances behind a load balancer do.
 */
final class ServiceInstances implements AutoCloseable {

    private final TestDatabase database = TestDatabase.createBare();
    private final String namespace = "tap-test:" + UUID.randomUUID();
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();
    private boolean sampleInstalled;

    TestDatabase database() {
        return database;
    }

    String namespace() {
        return namespace;
    }

    /**
     * Starts one more instance.
     *
     * @param workers how many jobs it runs at once; 0 makes an instance that only serves requests
     * @return its base URL
     */
    String start(int workers) {
        return start(workers, Map.of());
    }

    /**
     * Starts one more instance with more properties (or other values) than the tests' own.
     *
     * @return its base URL
     */
    String start(int workers, Map<String, String> more) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.user());
        properties.put("tap.uws.namespace", namespace);
        // several instances and the other tests' service share the test PostgreSQL's connections
        properties.put("spring.datasource.hikari.maximum-pool-size", "5");
        properties.put("tap.archive.maximum-pool-size", "5");
        properties.put("tap.uws.workers", Integer.toString(workers));
        properties.put("tap.uws.lease-time", "3s");
        // stopping an instance hands its running jobs back after this, for the tests of takeovers
        properties.put("tap.uws.shutdown-grace", "1s");
        properties.put("tap.uws.limits.wait-cap", "5s");
        properties.put("tap.uws.housekeeping.recovery-check", "200ms");
        properties.put("tap.uws.housekeeping.journal-drain", "100ms");
        properties.put("tap.uws.housekeeping.reaper-period", "1s");
        // each instance signs job logs with its place among them
        properties.put("tap.uws.log.instance-id", "instance-" + instances.size());
        properties.put("tap.uws.events.heartbeat", "1s");
        properties.putAll(more);
        // as command-line arguments: they outrank application.yml, which default properties do not
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TapApplication.class)
                .run(properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                        .toArray(String[]::new));
        instances.add(context);
        if (!sampleInstalled) {
            // TAP_SCHEMA exists once the first instance has migrated the database
            SampleCatalogue.install(database);
            sampleInstalled = true;
            refreshCatalogues();
        }
        return url(instances.size() - 1);
    }

    /** Makes every running instance re-read TAP_SCHEMA now. */
    void refreshCatalogues() {
        instances.stream().filter(ConfigurableApplicationContext::isActive)
                .forEach(context -> context.getBean(CatalogCache.class).invalidate());
    }

    String url(int instance) {
        int port = ((WebServerApplicationContext) instances.get(instance)).getWebServer().getPort();
        return "http://localhost:" + port + "/tap";
    }

    <T> T bean(int instance, Class<T> type) {
        return instances.get(instance).getBean(type);
    }

    /** Stops one instance as an orderly shutdown does (its running jobs are left to others). */
    void stop(int instance) {
        instances.get(instance).close();
    }

    @Override
    public void close() {
        instances.forEach(ConfigurableApplicationContext::close);
        database.close();
    }
}

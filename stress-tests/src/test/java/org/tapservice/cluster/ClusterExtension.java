package org.tapservice.cluster;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.tapservice.stress.QuotaUsers;

/**
 * Gives test classes one {@link LocalCluster} for the whole run: started by the first class
 * that asks, stopped when the run ends. Starting JVMs and loading the demo catalogue is the
 * slow part; the load and fault scenarios share it.
 *
 * <p>The cluster runs on a database of the run's own ({@code TAP_DB} with {@code _stress}
 * appended), made afresh and dropped at the end. On the database {@code bin/tap run} serves, the
 * cluster's empty Redis was rebuilt with every job another deployment had left in the archive
 * (77,116 jobs after a day of benchmarks, which turned a fault scenario's 4 s of Redis outage
 * into 15 s of 503s), and two deployments' reapers on one archive delete each other's jobs.
 */
public final class ClusterExtension implements ParameterResolver {

    private static final int INSTANCES = 2;

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(ClusterExtension.class))
                .computeIfAbsent(OnOwnDatabase.class, key -> start(), OnOwnDatabase.class).cluster();
    }

    private static OnOwnDatabase start() {
        String database = System.getenv().getOrDefault("TAP_DB", "tap") + "_stress";
        try {
            // left by a run that was interrupted
            Psql.dropDatabase(database);
            // the quota users' accounts and limits: other callers stay anonymous and unlimited
            Map<String, String> environment = new HashMap<>(LocalCluster.onDatabase(database));
            environment.put("TAP_CLUSTER_ARGS", String.join(" ", QuotaUsers.fromSystemProperties().serviceArguments()));
            LocalCluster cluster = LocalCluster.start(Integer.getInteger("cluster.port", 18090), INSTANCES,
                    environment);
            return new OnOwnDatabase(cluster, database);
        } catch (Exception e) {
            throw new IllegalStateException("the local cluster did not start: " + e.getMessage(), e);
        }
    }

    /** The run's cluster and its database, dropped once the cluster is down. */
    private record OnOwnDatabase(LocalCluster cluster, String database) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            try {
                cluster.close();
            } finally {
                Psql.dropDatabase(database);
            }
        }
    }
}

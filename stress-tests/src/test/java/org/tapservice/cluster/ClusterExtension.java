package org.tapservice.cluster;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.tapservice.stress.QuotaUsers;

/**
 * Gives test classes one {@link LocalCluster} for the whole run: started by the first class
 * that asks, stopped when the run ends. Starting JVMs and loading the demo catalogue is the
 * slow part; the load and fault scenarios share it.
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
                .computeIfAbsent(LocalCluster.class, key -> start(), LocalCluster.class);
    }

    private static LocalCluster start() {
        try {
            // the quota users' accounts and limits: other callers stay anonymous and unlimited
            return LocalCluster.start(Integer.getInteger("cluster.port", 18090), INSTANCES,
                    QuotaUsers.fromSystemProperties().serviceArguments());
        } catch (Exception e) {
            throw new IllegalStateException("the local cluster did not start: " + e.getMessage(), e);
        }
    }
}

package org.tapservice.api.web.async;

import java.io.IOException;
import java.util.Map;

/**
 * A Redis with replicas whose primary a test can kill and bring back, and the settings that
 * point the service at it: a Sentinel group, or a Redis Cluster.
 */
interface ReplicatedRedis extends AutoCloseable {

    /** The spring.data.redis.* settings of the service on this Redis. */
    Map<String, String> springProperties();

    /** SIGKILLs a primary the service's jobs are written to; answers what {@link #restart} takes. */
    int killPrimary() throws InterruptedException;

    /** Waits until a replica has taken the killed primary's place. */
    void awaitFailoverFrom(int killed) throws InterruptedException;

    /** Starts the killed primary again, empty, as a replica of the one that took its place. */
    void restart(int killed) throws IOException, InterruptedException;
}

package org.tapservice.stress;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The authenticated users of {@link QuotaUsersSimulation} and the quota their role gives them:
 * HTTP Basic users {@code quota-user-1..n}, each with the role {@value #ROLE}, whose limits are
 * small enough for a few clients to reach. The instances must be configured with the same
 * users and limits ({@link #serviceArguments()}); the simulation reads them from system
 * properties ({@code -Dquota.users=8 -Dquota.executing=1 -Dquota.queued=2 -Dquota.sync=3/30s}, the
 * defaults).
 *
 * @param users         how many users there are
 * @param password      every user's password
 * @param executingJobs jobs of one user EXECUTING at once (more wait QUEUED)
 * @param queuedJobs    jobs of one user QUEUED at once (PHASE=RUN beyond: 429)
 * @param syncRate      sync queries of one user, as the service writes it: {@code <burst>/<period>},
 *                      a burst refilled evenly over the period (beyond it: 429 with Retry-After)
 */
public record QuotaUsers(int users, String password, int executingJobs, int queuedJobs, String syncRate) {

    /** The role the quota is configured for (tap.quotas.roles.ROLE). */
    public static final String ROLE = "stress-quota";

    public QuotaUsers {
        if (users < 1 || executingJobs < 1 || queuedJobs < 1 || !syncRate.matches("[1-9][0-9]*/[0-9]+(ms|s|m|h)")) {
            throw new IllegalArgumentException("quota users need at least one user, limits of at least 1 and a sync"
                    + " rate such as 3/6s: " + users + ", " + executingJobs + ", " + queuedJobs + ", " + syncRate);
        }
    }

    public static QuotaUsers fromSystemProperties() {
        return new QuotaUsers(Integer.getInteger("quota.users", 8), System.getProperty("quota.password", "stress-quota"),
                Integer.getInteger("quota.executing", 1), Integer.getInteger("quota.queued", 2),
                System.getProperty("quota.sync", "3/30s"));
    }

    /** These users as the system properties {@link #fromSystemProperties()} reads, for a simulation's JVM. */
    public Map<String, String> systemProperties() {
        return Map.of("quota.users", String.valueOf(users), "quota.password", password,
                "quota.executing", String.valueOf(executingJobs), "quota.queued", String.valueOf(queuedJobs),
                "quota.sync", syncRate);
    }

    /** The user name of user {@code i} (1..users). */
    public String name(int i) {
        return "quota-user-" + i;
    }

    /**
     * The instances' settings that make these users and their quota: Basic authentication on
     * (anonymous callers keep their access, so the other scenarios run on the same instances),
     * the users with plain-text passwords (a test's, checked without bcrypt's cost), and the
     * role's limits.
     */
    public List<String> serviceArguments() {
        List<String> arguments = new ArrayList<>(List.of("--tap.security.mode=basic"));
        for (int i = 1; i <= users; i++) {
            String user = "--tap.security.basic.users[" + (i - 1) + "].";
            arguments.addAll(List.of(user + "name=" + name(i), user + "password={noop}" + password,
                    user + "roles=" + ROLE));
        }
        String limits = "--tap.quotas.roles." + ROLE + ".";
        arguments.addAll(List.of(limits + "executing-jobs=" + executingJobs, limits + "queued-jobs=" + queuedJobs,
                limits + "sync-rate=" + syncRate));
        return arguments;
    }

    /** Jobs one user submits back to back in a round: more than its quota lets run or wait. */
    int burst() {
        return executingJobs + queuedJobs + 2;
    }

    /** The users one after another and round again, as a Gatling feeder ({@code user}). */
    Iterator<Map<String, Object>> feeder() {
        return Stream.iterate(0, i -> i + 1).map(i -> Map.<String, Object>of("user", name(i % users + 1))).iterator();
    }

    /** The start of the message of PHASE=RUN refused by the queued-jobs quota. */
    String queuedRefusal() {
        return "you have " + queuedJobs + " jobs QUEUED, the most your quota allows (" + queuedJobs + ");";
    }

    /** The start of the message of a sync query refused by the sync rate. */
    String syncRefusal() {
        return "too many synchronous queries: your quota allows bursts of " + syncRate.substring(0, syncRate.indexOf('/'))
                + ",";
    }
}

package org.tapservice.cluster;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * SQL run by psql on one database of the local PostgreSQL (PGHOST, PGPORT, PGUSER as for
 * bin/setup-postgres), for what a run does past the service: seeding and counting jobs in the
 * archive, dropping the databases it made.
 *
 * @param database the database's name
 */
public record Psql(String database) {

    /** The first column of the answer's first row (psql's unaligned, tuples-only output). */
    public String query(String sql) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
                "-d", database, "-c", sql).redirectErrorStream(true);
        builder.environment().putIfAbsent("PGHOST", "127.0.0.1");
        builder.environment().putIfAbsent("PGUSER", "postgres");
        Process psql = builder.start();
        String output = new String(psql.getInputStream().readAllBytes()).strip();
        if (!psql.waitFor(30, TimeUnit.MINUTES) || psql.exitValue() != 0) {
            throw new IllegalStateException("psql on " + database + " failed: " + output + "\nSQL: " + sql);
        }
        return output.lines().findFirst().orElse("");
    }

    public long count(String sql) throws IOException, InterruptedException {
        return Long.parseLong(query(sql));
    }

    /** Drops a database of this server, whoever is connected to it. */
    public static void dropDatabase(String name) throws IOException, InterruptedException {
        new Psql("postgres").query("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    }
}

package org.tapservice.api.admin;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A throwaway database on the local PostgreSQL (with pg_sphere, migrated by the admin context
 * started on it), so tests never touch the real "tap" database and its demo catalogue.
 */
final class AdminHarness implements AutoCloseable {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String USER = "postgres";

    record Result(int exitCode, String out, String err) {}

    private final String database;
    private final ConfigurableApplicationContext context;
    private final SingleConnectionDataSource connection;

    private final List<String> settings;

    AdminHarness() {
        this(List.of());
    }

    /** @param settings more Spring command-line properties, as {@code --name=value} */
    AdminHarness(List<String> settings) {
        this.settings = List.copyOf(settings);
        database = "admin_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        execute(SERVER + "postgres", "CREATE DATABASE " + database);
        execute(url(), "CREATE EXTENSION pg_sphere");
        context = AdminApplication.start(springArgs());
        connection = new SingleConnectionDataSource(url(), USER, "", true);
    }

    String url() {
        return SERVER + database;
    }

    String[] springArgs() {
        List<String> args = new ArrayList<>(settings);
        args.add("--spring.datasource.url=" + url());
        return args.toArray(String[]::new);
    }

    /** SQL against the throwaway database, for fixtures and checks. */
    JdbcTemplate jdbc() {
        return new JdbcTemplate(connection);
    }

    /** Runs a command line in the shared context, as AdminApplication.run would. */
    Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exitCode;
        try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            AdminCommand command = AdminCommand.parse(List.of(args));
            exitCode = AdminApplication.execute(context.getBean(AdminCommands.class), command, outStream, errStream);
        }
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        connection.destroy();
        context.close();
        execute(SERVER + "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + url + ": " + e.getMessage(), e);
        }
    }
}

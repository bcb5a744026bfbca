package org.tapservice.api.admin;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code tap-service.jar admin ...}: archive administration with the service's configuration
 * (same application.yml and environment, so the same database, and Flyway migrates first),
 * in a non-web Spring context that lives for one command.
 */
public final class AdminApplication {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private static final Set<String> HELP = Set.of("help", "-h", "--help");

    // The command reports its own results and failures; the framework's logging would only
    // repeat them with stack traces. Defaults only: LOGGING_LEVEL_ROOT=INFO still overrides.
    private static final Map<String, Object> QUIET = Map.of(
            "logging.level.root", "ERROR",
            "logging.level.org.springframework.boot.SpringApplication", "OFF");

    private AdminApplication() {
    }

    public static int run(String[] args) {
        return run(List.of(args), System.out, System.err);
    }

    /**
     * {@code springArgs} are Spring command-line properties ({@code --spring.datasource.url=...});
     * they outrank the environment, which is what tests pointing at a throwaway database need.
     */
    static int run(List<String> args, PrintStream out, PrintStream err, String... springArgs) {
        if (args.isEmpty() || HELP.contains(args.getFirst())) {
            (args.isEmpty() ? err : out).print(AdminCommand.USAGE);
            return args.isEmpty() ? USAGE : OK;
        }
        AdminCommand command;
        try {
            command = AdminCommand.parse(args);
        } catch (UsageException e) {
            err.println("tap admin: " + e.getMessage());
            err.print(AdminCommand.USAGE);
            return USAGE;
        }
        try (ConfigurableApplicationContext context = start(springArgs)) {
            return execute(context.getBean(AdminCommands.class), command, out, err);
        } catch (RuntimeException e) {
            err.println("tap admin: cannot start: " + rootMessage(e));
            return FAILED;
        }
    }

    /** Runs one command in a started context and maps its failure to an exit code. */
    static int execute(AdminCommands commands, AdminCommand command, PrintStream out, PrintStream err) {
        try {
            commands.run(command, out, err);
            return OK;
        } catch (AdminException e) {
            err.println("tap admin: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            // A statement was refused, the connection dropped: the innermost cause is the
            // message the operator can act on.
            err.println("tap admin: failed: " + rootMessage(e));
            return FAILED;
        }
    }

    /** The admin context; its close() shuts the connection pool down. */
    static ConfigurableApplicationContext start(String... springArgs) {
        return new SpringApplicationBuilder(AdminConfiguration.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(QUIET)
                .run(springArgs);
    }

    /**
     * The message the operator can act on: the innermost SQLException's (pgjdbc says which
     * host refused, which relation is missing), else the innermost cause's.
     */
    private static String rootMessage(Throwable e) {
        Throwable chosen = e;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            chosen = cause;
            if (cause instanceof SQLException && !(cause.getCause() instanceof SQLException)) {
                break;
            }
        }
        return chosen.getMessage() != null ? chosen.getMessage() : chosen.getClass().getSimpleName();
    }
}

package org.tapservice.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.tapservice.api.admin.publish.TableName;

/** Command-line parsing and usage errors: no database, no Spring context. */
class AdminCommandTest {

    @Test
    void parse_PublishWithOptions_ShouldKeepThem() {
        var command = AdminCommand.parse(List.of("publish", "demo.stars", "--meta", "m.yaml", "--description=Stars"));

        assertThat(command).isEqualTo(new AdminCommand.Publish(new TableName("demo", "stars"),
                Optional.of(Path.of("m.yaml")), Optional.of("Stars")));
    }

    @Test
    void parse_DemoWithoutRows_ShouldDefaultToOneMillion() {
        assertThat(AdminCommand.parse(List.of("demo"))).isEqualTo(new AdminCommand.Demo(1_000_000));
        assertThat(AdminCommand.parse(List.of("demo", "--rows", "1_000"))).isEqualTo(new AdminCommand.Demo(1000));
    }

    @Test
    void parse_BadCommandLines_ShouldNameTheProblem() {
        assertThatThrownBy(() -> AdminCommand.parse(List.of("publsh", "a.b"))).hasMessage("unknown command 'publsh'");
        assertThatThrownBy(() -> AdminCommand.parse(List.of("publish"))).hasMessage("missing SCHEMA.TABLE");
        assertThatThrownBy(() -> AdminCommand.parse(List.of("publish", "stars")))
                .hasMessage("expected SCHEMA.TABLE, not 'stars'");
        assertThatThrownBy(() -> AdminCommand.parse(List.of("publish", "a.b", "--metadata", "x")))
                .hasMessage("unknown option --metadata");
        assertThatThrownBy(() -> AdminCommand.parse(List.of("publish", "a.b", "--meta")))
                .hasMessage("option --meta needs a value");
        assertThatThrownBy(() -> AdminCommand.parse(List.of("unpublish", "a.b", "c.d")))
                .hasMessage("unexpected argument 'c.d'");
        assertThatThrownBy(() -> AdminCommand.parse(List.of("demo", "--rows", "-5")))
                .hasMessage("--rows needs a positive whole number, not '-5'");
    }

    @Test
    void run_UsageError_ShouldExitWithTwoAndPrintUsage() {
        var err = new ByteArrayOutputStream();
        int exitCode = AdminApplication.run(List.of("demo", "--rows", "many"), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exitCode).isEqualTo(AdminApplication.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("tap admin: --rows needs a positive whole number, not 'many'")
                .contains("usage: tap admin COMMAND");
    }

    @Test
    void run_Help_ShouldPrintUsageAndSucceed() {
        var out = new ByteArrayOutputStream();
        int exitCode = AdminApplication.run(List.of("--help"), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);

        assertThat(exitCode).isEqualTo(AdminApplication.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("publish SCHEMA.TABLE", "unpublish", "demo [--rows N]");
    }

    @Test
    void run_DatabaseUnreachable_ShouldExitWithOneAndSayWhy() {
        var err = new ByteArrayOutputStream();
        int exitCode = AdminApplication.run(List.of("unpublish", "a.b"), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8),
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
                "--spring.datasource.hikari.connection-timeout=250");

        assertThat(exitCode).isEqualTo(AdminApplication.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("tap admin: cannot start: ").contains("refused");
    }
}

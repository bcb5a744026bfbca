package org.tapservice.api.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the page's browser tests (src/main/ui/test/NAME.mjs: playwright-core driving
 * headless Chromium) against a running service, screenshots in target/ui-screenshots. Skipped,
 * with the reason, where there is no Chromium or the page was not built.
 */
final class BrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path UI = Path.of("src/main/ui");
    private static final Path BUILT_PAGE = Path.of("target/classes/static/ui/index.html");
    static final Path SCREENSHOTS = Path.of("target/ui-screenshots");

    private BrowserTest() {
    }

    static void run(String name, String baseUrl) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CHROMIUM), "no browser at " + CHROMIUM
                + ": install Debian's chromium (apt-get install chromium) to run the web page's browser tests");
        assumeTrue(Files.exists(BUILT_PAGE), "the web page was not built (the build ran with -Dui.skip)");

        Path log = Files.createTempFile("ui-" + name, ".log");
        try {
            Process browser = new ProcessBuilder(List.of("node", "test/" + name + ".mjs", baseUrl,
                    SCREENSHOTS.toAbsolutePath().toString(), CHROMIUM.toString()))
                    .directory(UI.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!browser.waitFor(3, TimeUnit.MINUTES)) {
                browser.destroyForcibly();
                throw new AssertionError("the browser test " + name + " did not finish within 3 minutes:\n"
                        + Files.readString(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            // kept in the test's output file
            System.out.println(output);
            assertThat(browser.exitValue()).as("the browser test %s failed (screenshots in %s):%n%s", name,
                    SCREENSHOTS.toAbsolutePath(), output).isZero();
            assertThat(output).contains("ui " + name + ": all checks passed");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

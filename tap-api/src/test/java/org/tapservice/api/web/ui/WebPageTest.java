package org.tapservice.api.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tapservice.api.RunningService;

/**
 * The web page as its users meet it: headless Chromium, driven by the page's own browser test
 * (src/main/ui/test/e2e.mjs), against the running service with the demo catalogue. The
 * screenshots of every step are kept in target/ui-screenshots.
 */
class WebPageTest extends RunningService {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path UI = Path.of("src/main/ui");
    private static final Path BUILT_PAGE = Path.of("target/classes/static/ui/index.html");
    private static final Path SCREENSHOTS = Path.of("target/ui-screenshots");

    @BeforeAll
    void loadDemoCatalogue() {
        loadDemoCatalogue(20_000);
    }

    @Test
    void aPersonCanBrowseQueryAndSeeResultsInABrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no browser at " + CHROMIUM
                + ": install Debian's chromium (apt-get install chromium) to run the web page's browser test");
        assumeTrue(Files.exists(BUILT_PAGE), "the web page was not built (the build ran with -Dui.skip)");

        Path log = Files.createTempFile("ui-e2e", ".log");
        try {
            Process browserTest = new ProcessBuilder(List.of("node", "test/e2e.mjs", baseUrl(),
                    SCREENSHOTS.toAbsolutePath().toString(), CHROMIUM.toString()))
                    .directory(UI.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!browserTest.waitFor(3, TimeUnit.MINUTES)) {
                browserTest.destroyForcibly();
                throw new AssertionError("the browser test did not finish within 3 minutes:\n" + Files.readString(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(output);
            assertThat(browserTest.exitValue()).as("the browser test failed (screenshots in %s):%n%s",
                    SCREENSHOTS.toAbsolutePath(), output).isZero();
            assertThat(output).contains("ui e2e: all checks passed");
            assertThat(SCREENSHOTS.resolve("04-sky.png")).isNotEmptyFile();
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

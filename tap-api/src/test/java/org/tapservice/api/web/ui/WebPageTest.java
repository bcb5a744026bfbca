package org.tapservice.api.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tapservice.api.RunningService;

/**
 * The web page as its users meet it, anonymously: headless Chromium on the running service with
 * the demo catalogue, driven by src/main/ui/test/e2e.mjs.
 */
class WebPageTest extends RunningService {

    @BeforeAll
    void loadDemoCatalogue() {
        loadDemoCatalogue(20_000);
    }

    @Test
    void aPersonCanBrowseQueryAndSeeResultsInABrowser() throws Exception {
        BrowserTest.run("e2e", baseUrl());

        assertThat(BrowserTest.SCREENSHOTS.resolve("04-sky.png")).isNotEmptyFile();
    }
}

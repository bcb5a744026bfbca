package org.tapservice.api.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.tapservice.api.RunningService;

/** The page's entry points and settings, as a browser (or a proxy in front of one) reaches them. */
class UiEndpointsTest extends RunningService {

    private static final boolean PAGE_BUILT = Files.exists(Path.of("target/classes/static/ui/index.html"));

    @Test
    void theBaseUrlAndUiWithoutSlashLeadToThePage() throws Exception {
        for (String path : new String[] {"/", "/ui"}) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path).hasValue(baseUrl() + "/ui/");
        }
    }

    @Test
    void behindAProxyThePageIsWhereTheProxyServesTheService() throws Exception {
        HttpResponse<String> response = get("/", "X-Forwarded-Host", "archive.example.org",
                "X-Forwarded-Proto", "https", "X-Forwarded-Prefix", "/gaia/tap");

        assertThat(response.headers().firstValue("Location")).hasValue("https://archive.example.org/gaia/tap/ui/");
    }

    @Test
    void thePageIsServedWithItsScriptsOrSaysWhyNot() throws Exception {
        HttpResponse<String> page = get("/ui/");

        if (PAGE_BUILT) {
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body()).contains("<script type=\"module\" src=\"main.js\">");
            HttpResponse<String> script = get("/ui/main.js");
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
            assertThat(script.headers().firstValue("Cache-Control")).hasValue("no-cache");
            String lastModified = script.headers().firstValue("Last-Modified").orElseThrow();
            assertThat(get("/ui/main.js", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
            assertThat(get("/ui/THIRD-PARTY-LICENSES.txt").body()).contains("aladin-lite", "GNU GENERAL PUBLIC LICENSE",
                    "@codemirror/view", "MIT");
        } else {
            assertError(page, 404, "this build of the service has no web page");
        }
    }

    @Test
    void theConfigurationSaysNoSurveyNoSignInAndNoUserByDefault() throws Exception {
        HttpResponse<String> response = get("/ui/config.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.body()).contains("\"title\":\"TAP service\"", "\"hipsUrl\":null", "\"signIn\":\"none\"", "\"oidc\":null",
                "\"user\":null");
    }
}

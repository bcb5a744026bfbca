package org.tapservice.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.tapservice.api.ExternalClient;

/**
 * Clients nobody here wrote, as installed, against the service with accounts: pyvo with HTTP
 * Basic (chosen by pyvo from the capabilities' securityMethod) and with a bearer token, each
 * for sync and async, each user seeing only their own jobs; taplint on the capabilities that
 * declare the security methods.
 */
class ClientsWithAccountsTest extends SecuredService {

    private static final Pattern ERRORS = Pattern.compile("Totals: Errors: (\\d+);");

    @Test
    void pyvoWorksWithBasicCredentialsAndWithABearerToken() throws Exception {
        String output = ExternalClient.run(List.of("/usr/bin/python3",
                Path.of("src/test/python/pyvo_auth_check.py").toString(), baseUrl(), PROVIDER.token("erin"),
                "alice", ALICE_PASSWORD));

        assertThat(output).contains("pyvo with authentication: all checks passed");
    }

    @Test
    void taplintFindsTheCapabilitiesWithSecurityMethodsValid() throws Exception {
        String report = ExternalClient.run(List.of("stilts", "taplint", "tapurl=" + baseUrl(), "stages=CPV CAP",
                "report=EWF"));

        Matcher errors = ERRORS.matcher(report);
        assertThat(errors.find()).as("taplint printed no Totals line:%n%s", report).isTrue();
        assertThat(Integer.parseInt(errors.group(1))).as("taplint errors:%n%s", report).isZero();
    }
}

package org.tapservice.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tapservice.api.ExternalClient;

/**
 * pyvo, as installed, against the service with accounts: HTTP Basic chosen by pyvo from the
 * capabilities' securityMethod, and a bearer token on a session, each for sync and async, each
 * user seeing only their own jobs.
 */
class PyvoAuthenticationTest extends SecuredService {

    @Test
    void pyvoWorksWithBasicCredentialsAndWithABearerToken() throws Exception {
        String output = ExternalClient.run(List.of("/usr/bin/python3",
                Path.of("src/test/python/pyvo_auth_check.py").toString(), baseUrl(), PROVIDER.token("erin"),
                "alice", ALICE_PASSWORD));

        assertThat(output).contains("pyvo with authentication: all checks passed");
    }
}

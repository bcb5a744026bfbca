package org.tapservice.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A site that keeps async jobs to its users ({@code tap.security.anonymous-async=false}):
 * anonymous callers are challenged on /async and everything below it, and keep the public
 * resources.
 */
class AnonymousAsyncTest extends SecuredService {

    @DynamicPropertySource
    static void noAnonymousJobs(DynamicPropertyRegistry registry) {
        registry.add("tap.security.anonymous-async", () -> "false");
    }

    @Test
    void anAnonymousCallerIsChallengedOnEveryAsyncResource() throws Exception {
        for (HttpResponse<String> response : List.of(
                post(As.ANONYMOUS, "/async", "LANG", "ADQL", "QUERY", "SELECT id FROM science.sources"),
                get(As.ANONYMOUS, "/async"),
                get(As.ANONYMOUS, "/async/aaaaaaaaaaaaaaaaaaaa/phase"))) {
            assertError(response, 401, "this resource needs authentication: send HTTP Basic credentials or a bearer "
                    + "token in the Authorization header");
            assertThat(response.headers().allValues("WWW-Authenticate")).hasSize(2);
        }
    }

    @Test
    void anAnonymousCallerStillQueriesPublicDataSynchronously() throws Exception {
        assertThat(get(As.ANONYMOUS, "/sync" + query("LANG", "ADQL", "QUERY", "SELECT id FROM science.sources"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void anAuthenticatedUserCreatesJobs() throws Exception {
        String job = createJob(As.user("dave"), "LANG", "ADQL", "QUERY", "SELECT id FROM science.sources");

        assertThat(get(As.user("dave"), "/async/" + job + "/owner").body()).isEqualTo("dave");
    }
}

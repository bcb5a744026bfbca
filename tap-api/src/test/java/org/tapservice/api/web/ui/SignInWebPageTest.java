package org.tapservice.api.web.ui;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.tapservice.api.RunningService;

/**
 * The page's sign-in (tap.ui.sign-in=basic) on a service that authenticates with HTTP Basic
 * ({@link BasicSignIn} stands in for the service's own authentication): the user's name shown,
 * their jobs listed by the service, nothing of anyone else's visible. Driven by
 * src/main/ui/test/sign-in.mjs.
 */
@Import(BasicSignIn.class)
@TestPropertySource(properties = "tap.ui.sign-in=basic")
class SignInWebPageTest extends RunningService {

    @BeforeAll
    void loadDemoCatalogue() {
        loadDemoCatalogue(1_000);
    }

    @Test
    void eachSignedInUserSeesTheirOwnJobsOnly() throws Exception {
        BrowserTest.run("sign-in", baseUrl());
    }
}

package org.tapservice.api.web.ui;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.tapservice.api.RunningService;

/**
 * The page's sign-in (tap.ui.sign-in=basic) on a service that authenticates with HTTP Basic
 * (tap.security.mode=basic, two configured users whose passwords are "secret-" and their name):
 * the user's name shown, their jobs listed by the service, nothing of anyone else's visible.
 * Driven by src/main/ui/test/sign-in.mjs.
 */
@TestPropertySource(properties = {"tap.ui.sign-in=basic", "tap.security.mode=basic",
        "tap.security.basic.users[0].name=alice", "tap.security.basic.users[0].password={noop}secret-alice",
        "tap.security.basic.users[1].name=bob", "tap.security.basic.users[1].password={noop}secret-bob"})
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

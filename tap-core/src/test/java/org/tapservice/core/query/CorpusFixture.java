package org.tapservice.core.query;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.tapservice.core.testing.TestDatabase;

/** The tables the ADQL corpus queries ({@code adql-corpus/fixture.sql}), published in TAP_SCHEMA under "corpus". */
final class CorpusFixture {

    private static final String SCRIPT = "/adql-corpus/fixture.sql";

    private CorpusFixture() {
    }

    static void install(TestDatabase database) {
        try (InputStream in = CorpusFixture.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + SCRIPT);
            }
            database.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SCRIPT, e);
        }
    }
}

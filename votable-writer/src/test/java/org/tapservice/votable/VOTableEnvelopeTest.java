package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.ac.starlink.votable.VOSerializer;

/** Attributes and text written directly when plain are what STIL writes for them. */
class VOTableEnvelopeTest {

    @ParameterizedTest
    @ValueSource(strings = {"OK", "", "2026-11-27T19:33:55Z", "SELECT TOP 100 * FROM demo.stars WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10.5, 20.25, 0.1))",
            "a < b & c > d", "say \"hi\"", "it's", "tab\there", "line\nbreak", "caf\u00e9", "\u0001control", "ivo://ivoa.net/std/TAP",
            "x > 1 AND y <> 2", "smile \ud83d\ude00"})
    void anAttributeIsWhatStilWritesForIt(String value) {
        assertEquals(VOSerializer.formatAttribute("value", value), VOTableEnvelope.attribute("value", value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Right ascension", "", "a < b & c > d", "it's \"quoted\"", "caf\u00e9", "\u0002", "tab\there"})
    void textIsWhatStilWritesForIt(String value) {
        assertEquals(VOSerializer.formatText(value), VOTableEnvelope.text(value));
    }
}

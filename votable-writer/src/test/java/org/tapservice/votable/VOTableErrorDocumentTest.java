package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The DALI error document (DALI 5.4.3). */
class VOTableErrorDocumentTest {

    private static final String MESSAGE = "Column 'x' not found where a < b & c > d: \"quoted\"";

    @Test
    void isAValidVOTableWhoseResultsResourceHoldsOnlyQueryStatusError() throws Exception {
        byte[] document = write(MESSAGE);
        VOTableDocuments.validate(document);
        assertEquals(List.of("INFO:QUERY_STATUS=ERROR"), VOTableDocuments.resourceOutline(document));
        Element resource = (Element) VOTableDocuments.parse(document).getElementsByTagNameNS("*", "RESOURCE").item(0);
        assertEquals("results", resource.getAttribute("type"));
    }

    @Test
    void theMessageIsTheInfoContentEscapedAsXml() throws Exception {
        byte[] document = write(MESSAGE);
        Element info = (Element) VOTableDocuments.parse(document).getElementsByTagNameNS("*", "INFO").item(0);
        assertEquals(MESSAGE, info.getTextContent());
        assertTrue(new String(document, StandardCharsets.UTF_8).contains("a &lt; b &amp; c &gt; d"));
    }

    @Test
    void controlCharactersThatXmlForbidsDoNotBreakTheDocument() throws Exception {
        VOTableDocuments.validate(write("bad byte \u0000 in \u0007 message"));
    }

    private static byte[] write(String message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VOTableErrorDocument.write(message, out);
        return out.toByteArray();
    }
}

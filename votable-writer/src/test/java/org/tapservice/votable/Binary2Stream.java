package org.tapservice.votable;

import java.util.Base64;
import org.w3c.dom.Element;

/** The bytes of a written VOTable's base64 STREAM element. */
final class Binary2Stream {

    private Binary2Stream() {
    }

    static byte[] decode(byte[] document) throws Exception {
        Element stream = (Element) VOTableDocuments.parse(document).getElementsByTagNameNS("*", "STREAM").item(0);
        return Base64.getMimeDecoder().decode(stream.getTextContent().strip());
    }
}

package org.tapservice.core.vosi;

import java.io.IOException;
import java.io.OutputStream;

import javax.xml.stream.XMLStreamException;

import org.tapservice.core.xml.XmlDocument;

/** The VOSI 1.1 availability resource. */
public final class AvailabilityDocument {

    static final String VOSI_AVAILABILITY = "http://www.ivoa.net/xml/VOSIAvailability/v1.0";

    public void write(boolean available, String note, OutputStream out) throws IOException {
        try (XmlDocument xml = new XmlDocument(out)) {
            xml.root("vosi", "availability", VOSI_AVAILABILITY)
                    .start("vosi", "available", VOSI_AVAILABILITY).text(Boolean.toString(available)).end()
                    .start("vosi", "note", VOSI_AVAILABILITY).text(note).end()
                    .end();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the availability: " + e.getMessage(), e);
        }
    }
}

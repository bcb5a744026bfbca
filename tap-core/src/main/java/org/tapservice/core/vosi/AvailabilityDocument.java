package org.tapservice.core.vosi;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import org.tapservice.core.xml.XmlDocument;

/** The VOSI 1.1 availability resource. */
public final class AvailabilityDocument {

    static final String VOSI_AVAILABILITY = "http://www.ivoa.net/xml/VOSIAvailability/v1.0";

    public void write(boolean available, String note, OutputStream out) throws IOException {
        write(available, List.of(note), out);
    }

    /** With several notes: VOSI allows any number, one per thing a reader should know. */
    public void write(boolean available, List<String> notes, OutputStream out) throws IOException {
        try (XmlDocument xml = new XmlDocument(out)) {
            xml.root("vosi", "availability", VOSI_AVAILABILITY)
                    .start("vosi", "available", VOSI_AVAILABILITY).text(Boolean.toString(available)).end();
            for (String note : notes) {
                xml.start("vosi", "note", VOSI_AVAILABILITY).text(note).end();
            }
            xml.end();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the availability: " + e.getMessage(), e);
        }
    }
}

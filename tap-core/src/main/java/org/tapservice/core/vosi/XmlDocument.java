package org.tapservice.core.vosi;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A streaming XML document: StAX for correct escaping, plus the few conveniences every VOSI
 * document needs (optional text elements, namespace declarations on the root).
 */
final class XmlDocument implements AutoCloseable {

    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private final XMLStreamWriter xml;

    XmlDocument(OutputStream out) throws XMLStreamException {
        this.xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
        xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
        xml.writeCharacters("\n");
    }

    /** Opens the root element in its namespace, declaring it and the extra prefixes given. */
    XmlDocument root(String prefix, String name, String namespace, String... prefixesAndNamespaces)
            throws XMLStreamException {
        xml.writeStartElement(prefix, name, namespace);
        xml.writeNamespace(prefix, namespace);
        xml.writeNamespace("xsi", XSI);
        for (int i = 0; i < prefixesAndNamespaces.length; i += 2) {
            xml.writeNamespace(prefixesAndNamespaces[i], prefixesAndNamespaces[i + 1]);
        }
        return this;
    }

    XmlDocument start(String name) throws XMLStreamException {
        xml.writeStartElement(name);
        return this;
    }

    XmlDocument start(String prefix, String name, String namespace) throws XMLStreamException {
        xml.writeStartElement(prefix, name, namespace);
        return this;
    }

    XmlDocument attribute(String name, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeAttribute(name, value);
        }
        return this;
    }

    XmlDocument xsiType(String type) throws XMLStreamException {
        xml.writeAttribute("xsi", XSI, "type", type);
        return this;
    }

    XmlDocument text(String text) throws XMLStreamException {
        xml.writeCharacters(text);
        return this;
    }

    XmlDocument end() throws XMLStreamException {
        xml.writeEndElement();
        return this;
    }

    /** An element with text content, left out when the text is null or blank. */
    XmlDocument element(String name, String text) throws XMLStreamException {
        if (text != null && !text.isBlank()) {
            xml.writeStartElement(name);
            xml.writeCharacters(text);
            xml.writeEndElement();
        }
        return this;
    }

    @Override
    public void close() throws XMLStreamException {
        xml.writeEndDocument();
        xml.flush();
        xml.close();
    }
}

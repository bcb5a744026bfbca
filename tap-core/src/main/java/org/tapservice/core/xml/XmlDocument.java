package org.tapservice.core.xml;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A streaming XML document: StAX for correct escaping, plus the few conveniences every VOSI
 * and UWS document needs (optional text elements, namespace declarations on the root, nil
 * elements). Shared by the VOSI and UWS writers, hence public.
 */
public final class XmlDocument implements AutoCloseable {

    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private final XMLStreamWriter xml;

    public XmlDocument(OutputStream out) throws XMLStreamException {
        // the JDK's own factory: newFactory() looks for another one (system property, jaxp.properties,
        // service loader) on every call, which costs more than writing a job document
        this.xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
        xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
        xml.writeCharacters("\n");
    }

    /** Opens the root element in its namespace, declaring it and the extra prefixes given. */
    public XmlDocument root(String prefix, String name, String namespace, String... prefixesAndNamespaces)
            throws XMLStreamException {
        xml.writeStartElement(prefix, name, namespace);
        xml.writeNamespace(prefix, namespace);
        xml.writeNamespace("xsi", XSI);
        for (int i = 0; i < prefixesAndNamespaces.length; i += 2) {
            xml.writeNamespace(prefixesAndNamespaces[i], prefixesAndNamespaces[i + 1]);
        }
        return this;
    }

    public XmlDocument start(String name) throws XMLStreamException {
        xml.writeStartElement(name);
        return this;
    }

    public XmlDocument start(String prefix, String name, String namespace) throws XMLStreamException {
        xml.writeStartElement(prefix, name, namespace);
        return this;
    }

    /** An unqualified attribute, left out when the value is null. */
    public XmlDocument attribute(String name, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeAttribute(name, value);
        }
        return this;
    }

    /** A namespaced attribute (xlink:href), left out when the value is null. */
    public XmlDocument attribute(String prefix, String namespace, String name, String value)
            throws XMLStreamException {
        if (value != null) {
            xml.writeAttribute(prefix, namespace, name, value);
        }
        return this;
    }

    public XmlDocument xsiType(String type) throws XMLStreamException {
        xml.writeAttribute("xsi", XSI, "type", type);
        return this;
    }

    public XmlDocument text(String text) throws XMLStreamException {
        xml.writeCharacters(text);
        return this;
    }

    public XmlDocument end() throws XMLStreamException {
        xml.writeEndElement();
        return this;
    }

    /** An element with text content, left out when the text is null or blank. */
    public XmlDocument element(String name, String text) throws XMLStreamException {
        if (text != null && !text.isBlank()) {
            xml.writeStartElement(name);
            xml.writeCharacters(text);
            xml.writeEndElement();
        }
        return this;
    }

    /**
     * A namespaced element holding the text given, or, when the text is null, the same element
     * empty with {@code xsi:nil="true"}: how XML Schema says "no value" for a nillable element.
     */
    public XmlDocument elementOrNil(String prefix, String name, String namespace, String text)
            throws XMLStreamException {
        if (text == null) {
            xml.writeEmptyElement(prefix, name, namespace);
            xml.writeAttribute("xsi", XSI, "nil", "true");
        } else {
            xml.writeStartElement(prefix, name, namespace);
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

package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;
import uk.ac.starlink.util.ByteArrayDataSource;
import uk.ac.starlink.votable.VOTableBuilder;
import uk.ac.starlink.votable.VOTableVersion;

/** Checks on written VOTable documents: schema validity, structure, and what STIL reads back. */
final class VOTableDocuments {

    private VOTableDocuments() {
    }

    /** Validates against the VOTable 1.4 XML schema that the STIL jar ships. */
    static void validate(byte[] document) throws Exception {
        Schema schema = VOTableVersion.V14.getSchema();
        assertNotNull(schema, "STIL ships the VOTable 1.4 schema");
        schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(document)));
    }

    static Document parse(byte[] document) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(document));
    }

    /** The element children of the results RESOURCE, as "INFO:QUERY_STATUS=OK", "TABLE", ... */
    static List<String> resourceOutline(byte[] document) throws Exception {
        Element resource = (Element) parse(document).getElementsByTagNameNS("*", "RESOURCE").item(0);
        List<String> outline = new ArrayList<>();
        for (Node child = resource.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                outline.add(element.getLocalName().equals("INFO")
                        ? "INFO:" + element.getAttribute("name") + "=" + element.getAttribute("value")
                        : element.getLocalName());
            }
        }
        return outline;
    }

    static List<Element> fields(byte[] document) throws Exception {
        var nodes = parse(document).getElementsByTagNameNS("*", "FIELD");
        List<Element> fields = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            fields.add((Element) nodes.item(i));
        }
        return fields;
    }

    /** The document's table, as STIL's VOTable reader sees it. */
    static StarTable readBack(byte[] document) throws IOException {
        return new StarTableFactory(true).makeStarTable(new ByteArrayDataSource("result", document), new VOTableBuilder().getFormatName());
    }

    static List<Object[]> rows(StarTable table) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        try (RowSequence sequence = table.getRowSequence()) {
            while (sequence.next()) {
                rows.add(sequence.getRow().clone());
            }
        }
        return rows;
    }
}

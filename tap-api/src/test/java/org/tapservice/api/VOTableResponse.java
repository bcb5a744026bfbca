package org.tapservice.api;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** A TABLEDATA VOTable response read as a test needs it: FIELDs, rows of text, INFOs, RESOURCEs. */
public record VOTableResponse(Document document) {

    public static VOTableResponse of(HttpResponse<String> response) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return new VOTableResponse(factory.newDocumentBuilder().parse(
                    new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new AssertionError("not an XML document: " + response.body(), e);
        }
    }

    public List<Element> elements(String name) {
        return elements(document.getDocumentElement(), name);
    }

    public static List<Element> elements(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS("*", name);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    /** FIELDs by name, in order. */
    public Map<String, Element> fields() {
        Map<String, Element> fields = new LinkedHashMap<>();
        elements("FIELD").forEach(field -> fields.put(field.getAttribute("name"), field));
        return fields;
    }

    public List<String> fieldNames() {
        return List.copyOf(fields().keySet());
    }

    /** Each TABLEDATA row as its cells' text, null for an empty cell. */
    public List<List<String>> rows() {
        List<List<String>> rows = new ArrayList<>();
        for (Element tr : elements("TR")) {
            List<String> cells = new ArrayList<>();
            for (Node td = tr.getFirstChild(); td != null; td = td.getNextSibling()) {
                if (td instanceof Element cell) {
                    cells.add(cell.getTextContent().isEmpty() ? null : cell.getTextContent());
                }
            }
            rows.add(cells);
        }
        return rows;
    }

    /** The cells of one column, by FIELD name. */
    public List<String> column(String name) {
        int index = fieldNames().indexOf(name);
        if (index < 0) {
            throw new AssertionError("no FIELD " + name + " among " + fieldNames());
        }
        return rows().stream().map(row -> row.get(index)).toList();
    }

    /** The value of every INFO of this name, in document order. */
    public List<String> infos(String name) {
        return elements("INFO").stream().filter(info -> info.getAttribute("name").equals(name))
                .map(info -> info.getAttribute("value")).toList();
    }

    /** The service descriptors: RESOURCEs of type meta and utype adhoc:service. */
    public List<Element> serviceDescriptors() {
        return elements("RESOURCE").stream().filter(resource -> resource.getAttribute("type").equals("meta")
                && resource.getAttribute("utype").equals("adhoc:service")).toList();
    }

    /** A PARAM's value, by name, directly under a RESOURCE or in its GROUPs. */
    public static Element param(Element resource, String name) {
        return elements(resource, "PARAM").stream().filter(param -> param.getAttribute("name").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no PARAM " + name));
    }
}

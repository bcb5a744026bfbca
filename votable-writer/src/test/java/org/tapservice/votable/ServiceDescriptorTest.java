package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** DataLink 1.1 section 4: service descriptors after the results, input parameters bound to FIELDs by ref. */
class ServiceDescriptorTest {

    private static final List<ColumnMetadata> COLUMNS = List.of(
            new ColumnMetadata("source id", Datatype.LONG, null, null, null, "meta.id;meta.main", null, null),
            ColumnMetadata.of("ra", Datatype.DOUBLE, null));

    private static final ServiceDescriptor LINKS = new ServiceDescriptor(null, "links", "Links of each row",
            List.of(ServiceParam.text("standardID", "ivo://ivoa.net/std/DataLink#links-1.1"),
                    ServiceParam.text("accessURL", "http://example.org/tap/links")),
            List.of(ServiceParam.fromColumn("ID", "source id", "meta.id;meta.main")));

    @Test
    void aDescriptorIsAMetaResourceAfterTheResultsWhoseInputParameterRefersToItsField() throws Exception {
        for (String format : List.of("votable", "votable/td", "votable/b")) {
            byte[] document = write(format, new ResultTable(COLUMNS,
                    ListCursor.of(SampleTables.counterRows(0)), 10, List.of(), List.of(LINKS)));
            VOTableDocuments.validate(document);
            Document xml = VOTableDocuments.parse(document);

            NodeList resources = xml.getElementsByTagNameNS("*", "RESOURCE");
            Element meta = (Element) resources.item(resources.getLength() - 1);
            assertEquals("meta", meta.getAttribute("type"), format);
            assertEquals("adhoc:service", meta.getAttribute("utype"));
            Element group = (Element) meta.getElementsByTagNameNS("*", "GROUP").item(0);
            assertEquals("inputParams", group.getAttribute("name"));
            Element id = (Element) group.getElementsByTagNameNS("*", "PARAM").item(0);
            Element field = (Element) xml.getElementsByTagNameNS("*", "FIELD").item(0);
            assertEquals(field.getAttribute("ID"), id.getAttribute("ref"));
            assertEquals("source_id", id.getAttribute("ref"));
        }
    }

    @Test
    void aParameterReferringToNoColumnIsRefusedBeforeAnythingIsWritten() {
        ServiceDescriptor wrong = new ServiceDescriptor(null, null, null, List.of(),
                List.of(ServiceParam.fromColumn("ID", "obs_id", null)));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () ->
                new ResultTable(COLUMNS, ListCursor.of(List.of()), 10, List.of(), List.of(wrong)));
        assertTrue(refused.getMessage().contains("obs_id"), refused.getMessage());
    }

    @Test
    void theConeSearchErrorDocumentHasAnErrorInfoUnderTheRootAndTheDaliStatus() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VOTableErrorDocument.writeConeSearch("DEC must be between -90 and 90", out);
        byte[] document = out.toByteArray();

        VOTableDocuments.validate(document);
        Element root = VOTableDocuments.parse(document).getDocumentElement();
        Element first = (Element) root.getElementsByTagNameNS("*", "INFO").item(0);
        assertEquals(root, first.getParentNode());
        assertEquals("Error", first.getAttribute("name"));
        assertEquals("DEC must be between -90 and 90", first.getAttribute("value"));
        assertEquals(List.of("INFO:QUERY_STATUS=ERROR"), VOTableDocuments.resourceOutline(document));
    }

    private static byte[] write(String format, ResultTable table) throws Exception {
        return Outputs.bytes(format, table);
    }
}

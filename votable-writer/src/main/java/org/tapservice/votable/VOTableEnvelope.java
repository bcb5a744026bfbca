package org.tapservice.votable;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import uk.ac.starlink.votable.VOSerializer;
import uk.ac.starlink.votable.VOTableVersion;

/**
 * The parts of a DALI result document around the TABLE: the VOTABLE root, the
 * {@code RESOURCE type="results"} and the INFO elements. STIL writes the TABLE itself; the
 * envelope is ours so that QUERY_STATUS can go before and after it (DALI 5.4.3).
 */
final class VOTableEnvelope {

    static final VOTableVersion VERSION = VOTableVersion.V14;

    private static final String QUERY_STATUS = "QUERY_STATUS";

    /** The XML declaration and the VOTABLE start tag: the same for every document. */
    private static final String DOCUMENT_START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            // VOTable 1.4 keeps the 1.3 namespace; STIL's version object knows both it and the schema URL.
            + "<VOTABLE" + VOSerializer.formatAttribute("version", VERSION.getVersionNumber())
            + VOSerializer.formatAttribute("xmlns", VERSION.getXmlNamespace())
            + VOSerializer.formatAttribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
            + VOSerializer.formatAttribute("xsi:schemaLocation", VERSION.getXmlNamespace() + " " + VERSION.getSchemaLocation())
            + ">\n";

    private VOTableEnvelope() {
    }

    /** Everything up to and including the opening of the results RESOURCE. */
    static void open(Appendable xml) throws IOException {
        openDocument(xml);
        xml.append("<RESOURCE type=\"results\">\n");
    }

    /** The XML declaration and the VOTABLE start tag. */
    static void openDocument(Appendable xml) throws IOException {
        xml.append(DOCUMENT_START);
    }

    static void statusOk(Appendable xml) throws IOException {
        info(xml, new Info(QUERY_STATUS, "OK"));
    }

    static void statusOverflow(Appendable xml) throws IOException {
        info(xml, new Info(QUERY_STATUS, "OVERFLOW"));
    }

    static void statusError(Appendable xml, String message) throws IOException {
        info(xml, new Info(QUERY_STATUS, "ERROR", message));
    }

    /**
     * DALI 5.4.3: with QUERY_STATUS OK already sent, truncation at MAXREC or a failure is
     * reported after the TABLE; nothing is written for a complete result.
     */
    static void trailingStatus(Appendable xml, CursorStarTable.Outcome outcome) throws IOException {
        if (outcome.failure() != null) {
            Exception failure = outcome.failure();
            statusError(xml, "error while writing the result after row " + outcome.rowsWritten() + ": "
                    + (failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName()));
        } else if (outcome.overflow()) {
            statusOverflow(xml);
        }
    }

    static void info(Appendable xml, Info info) throws IOException {
        xml.append("<INFO" + attribute("name", info.name())
                + attribute("value", info.value()));
        if (info.content() == null) {
            xml.append("/>\n");
        } else {
            xml.append(">" + text(info.content()) + "</INFO>\n");
        }
    }

    /** Closes the results RESOURCE and the document. */
    static void close(Appendable xml) throws IOException {
        close(xml, List.of(), Map.of());
    }

    /**
     * Closes the results RESOURCE, writes the service descriptors after it (DataLink 1.1
     * section 4) and closes the document.
     *
     * @param fieldIds the ID of each column's FIELD by column name, for the input parameters' refs
     */
    static void close(Appendable xml, List<ServiceDescriptor> services, Map<String, String> fieldIds) throws IOException {
        xml.append("</RESOURCE>\n");
        for (ServiceDescriptor service : services) {
            service(xml, service, fieldIds);
        }
        xml.append("</VOTABLE>\n");
    }

    private static void service(Appendable xml, ServiceDescriptor service, Map<String, String> fieldIds) throws IOException {
        xml.append("<RESOURCE type=\"meta\" utype=\"adhoc:service\""
                + (service.id() == null ? "" : attribute("ID", service.id()))
                + (service.name() == null ? "" : attribute("name", service.name())) + ">\n");
        if (service.description() != null) {
            xml.append("<DESCRIPTION>" + text(service.description()) + "</DESCRIPTION>\n");
        }
        for (ServiceParam param : service.params()) {
            param(xml, param, null);
        }
        if (!service.inputParams().isEmpty()) {
            xml.append("<GROUP name=\"inputParams\">\n");
            for (ServiceParam param : service.inputParams()) {
                param(xml, param, param.column() == null ? null : fieldIds.get(param.column()));
            }
            xml.append("</GROUP>\n");
        }
        xml.append("</RESOURCE>\n");
    }

    private static void param(Appendable xml, ServiceParam param, String ref) throws IOException {
        xml.append("<PARAM" + attribute("name", param.name())
                + attribute("datatype", param.datatype().voName())
                + (param.arraysize() == null ? "" : attribute("arraysize", param.arraysize()))
                + (param.ucd() == null ? "" : attribute("ucd", param.ucd()))
                + (ref == null ? "" : attribute("ref", ref))
                + attribute("value", param.value()));
        if (param.description() == null) {
            xml.append("/>\n");
        } else {
            xml.append("><DESCRIPTION>" + text(param.description()) + "</DESCRIPTION></PARAM>\n");
        }
    }

    /**
     * {@code name="value"} with a space before, as {@link VOSerializer#formatAttribute} writes
     * it. Most values (a status, a MAXREC, a date) are plain ASCII with nothing to escape; those
     * are written directly, as STIL would, without its synchronized buffer and escaping pass.
     */
    static String attribute(String name, String value) {
        return plain(value) ? " " + name + "=\"" + value + "\"" : VOSerializer.formatAttribute(name, value);
    }

    /** Element text, as {@link VOSerializer#formatText} writes it; plain text directly. */
    static String text(String value) {
        return plain(value) ? value : VOSerializer.formatText(value);
    }

    /** Printable ASCII without a character XML gives a meaning to. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') {
                return false;
            }
        }
        return true;
    }
}

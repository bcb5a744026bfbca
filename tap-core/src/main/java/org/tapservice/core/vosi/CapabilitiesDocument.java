package org.tapservice.core.vosi;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamException;

import org.tapservice.adql.OptionalFeature;
import org.tapservice.core.datalink.DataLink;
import org.tapservice.core.scs.ConeSearch;
import org.tapservice.core.tap.OutputLimits;
import org.tapservice.core.upload.UploadLimits;
import org.tapservice.core.xml.XmlDocument;
import org.tapservice.votable.FormatDescription;

/**
 * The VOSI 1.1 capabilities resource with the TAP capability described by TAPRegExt 1.0:
 * the languages, the optional ADQL features that really work and the service's user-defined
 * functions, the output formats, the upload methods and the row and upload limits; then the VOSI
 * resources, DataLink {links} and a Simple Cone Search per table that has one. URLs are built
 * from the base URL the client used, so they hold behind a proxy.
 */
public final class CapabilitiesDocument {

    static final String VOSI_CAPABILITIES = "http://www.ivoa.net/xml/VOSICapabilities/v1.0";
    static final String TAPREGEXT = "http://www.ivoa.net/xml/TAPRegExt/v1.0";
    static final String VORESOURCE = "http://www.ivoa.net/xml/VOResource/v1.0";

    /** What the TAP capability declares; everything but the base URL is fixed per deployment. */
    public record TapCapability(List<OptionalFeature> features, List<FormatDescription> outputFormats,
                                OutputLimits outputLimits, UploadLimits uploadLimits) {

        public TapCapability {
            features = List.copyOf(features);
            outputFormats = List.copyOf(outputFormats);
            requireNonNull(outputLimits, "outputLimits is null");
            requireNonNull(uploadLimits, "uploadLimits is null");
        }
    }

    /** TAPRegExt's upload methods: parts of the request (param:), and http and https URLs. */
    static final List<String> UPLOAD_METHODS = List.of("ivo://ivoa.net/std/TAPRegExt#upload-inline",
            "ivo://ivoa.net/std/TAPRegExt#upload-http", "ivo://ivoa.net/std/TAPRegExt#upload-https");

    private final TapCapability tap;
    private final List<SecurityMethod> securityMethods;

    public CapabilitiesDocument(TapCapability tap) {
        this(tap, List.of());
    }

    /**
     * @param securityMethods how callers may authenticate; with any, the TAP capability has a
     *                        second interface that declares them beside the anonymous one
     */
    public CapabilitiesDocument(TapCapability tap, List<SecurityMethod> securityMethods) {
        this.tap = requireNonNull(tap, "tap is null");
        this.securityMethods = List.copyOf(securityMethods);
    }

    public void write(String baseUrl, OutputStream out) throws IOException {
        write(baseUrl, List.of(), out);
    }

    /**
     * @param coneSearchTables the tables served by Simple Cone Search at /scs/{table}, each
     *                         declared as a ConeSearch capability of its own
     */
    public void write(String baseUrl, List<String> coneSearchTables, OutputStream out) throws IOException {
        try (XmlDocument xml = new XmlDocument(out)) {
            xml.root("vosi", "capabilities", VOSI_CAPABILITIES,
                    "vr", VORESOURCE, "vs", TablesDocument.VODATASERVICE, "tr", TAPREGEXT);
            writeTap(xml, baseUrl);
            writeSupport(xml, "ivo://ivoa.net/std/VOSI#capabilities", "vs:ParamHTTP", baseUrl + "/capabilities", "full");
            writeSupport(xml, "ivo://ivoa.net/std/VOSI#availability", "vs:ParamHTTP", baseUrl + "/availability", "full");
            writeSupport(xml, "ivo://ivoa.net/std/VOSI#tables-1.1", "vs:ParamHTTP", baseUrl + "/tables", "base");
            writeSupport(xml, "ivo://ivoa.net/std/DALI#examples", "vr:WebBrowser", baseUrl + "/examples", "full");
            writeParamHttp(xml, DataLink.STANDARD_ID, baseUrl + "/links", DataLink.CONTENT_TYPE);
            for (String table : coneSearchTables) {
                writeParamHttp(xml, ConeSearch.STANDARD_ID, baseUrl + "/scs/" + table, "application/x-votable+xml");
            }
            xml.end();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the capabilities: " + e.getMessage(), e);
        }
    }

    private void writeTap(XmlDocument xml, String baseUrl) throws XMLStreamException {
        xml.start("capability").attribute("standardID", "ivo://ivoa.net/std/TAP").xsiType("tr:TableAccess");
        xml.start("interface").xsiType("vs:ParamHTTP").attribute("role", "std").attribute("version", "1.1")
                .start("accessURL").attribute("use", "base").text(baseUrl).end()
                .end();
        if (!securityMethods.isEmpty()) {
            // the same URL: credentials are optional there, and any one of these methods serves
            xml.start("interface").xsiType("vs:ParamHTTP").attribute("role", "std").attribute("version", "1.1")
                    .start("accessURL").attribute("use", "base").text(baseUrl).end();
            for (SecurityMethod method : securityMethods) {
                xml.start("securityMethod").attribute("standardID", method.standardId()).end();
            }
            xml.end();
        }
        xml.start("language").element("name", "ADQL")
                .start("version").attribute("ivo-id", "ivo://ivoa.net/std/ADQL#v2.1").text("2.1").end()
                .start("version").attribute("ivo-id", "ivo://ivoa.net/std/ADQL#v2.0").text("2.0").end()
                .element("description", "The Astronomical Data Query Language, translated to PostgreSQL + pgsphere");
        Map<String, List<OptionalFeature>> byType = new LinkedHashMap<>();
        tap.features().forEach(feature -> byType.computeIfAbsent(feature.type(), type -> new ArrayList<>())
                .add(feature));
        for (Map.Entry<String, List<OptionalFeature>> group : byType.entrySet()) {
            xml.start("languageFeatures").attribute("type", group.getKey());
            for (OptionalFeature feature : group.getValue()) {
                xml.start("feature").element("form", feature.form());
                if (feature.description().isPresent()) {
                    xml.element("description", feature.description().get());
                }
                xml.end();
            }
            xml.end();
        }
        xml.end();
        for (FormatDescription format : tap.outputFormats()) {
            xml.start("outputFormat").attribute("ivo-id", format.ivoId().orElse(null)).element("mime", format.mime());
            for (String alias : format.aliases()) {
                xml.element("alias", alias);
            }
            xml.end();
        }
        for (String method : UPLOAD_METHODS) {
            xml.start("uploadMethod").attribute("ivo-id", method).end();
        }
        xml.start("outputLimit")
                .start("default").attribute("unit", "row").text(Long.toString(tap.outputLimits().defaultMaxrec())).end()
                .start("hard").attribute("unit", "row").text(Long.toString(tap.outputLimits().hardMaxrec())).end()
                .end();
        String maxBytes = Long.toString(tap.uploadLimits().maxBytes());
        xml.start("uploadLimit")
                .start("default").attribute("unit", "byte").text(maxBytes).end()
                .start("hard").attribute("unit", "byte").text(maxBytes).end()
                .end();
        xml.end();
    }

    /**
     * A capability with a GET/POST interface (DataLink 1.1 section 3.3 shows its {links} this way;
     * Simple Cone Search's extended capability type would need its own schema, which plain
     * capabilities keep clients from needing).
     */
    private static void writeParamHttp(XmlDocument xml, String standardId, String url, String resultType)
            throws XMLStreamException {
        xml.start("capability").attribute("standardID", standardId)
                .start("interface").xsiType("vs:ParamHTTP").attribute("role", "std")
                .start("accessURL").attribute("use", "base").text(url).end()
                .element("queryType", "GET")
                .element("queryType", "POST")
                .element("resultType", resultType)
                .end()
                .end();
    }

    private static void writeSupport(XmlDocument xml, String standardId, String interfaceType, String url, String use)
            throws XMLStreamException {
        xml.start("capability").attribute("standardID", standardId)
                .start("interface").xsiType(interfaceType);
        if (interfaceType.equals("vs:ParamHTTP")) {
            xml.attribute("role", "std");
        }
        xml.start("accessURL").attribute("use", use).text(url).end()
                .end()
                .end();
    }
}

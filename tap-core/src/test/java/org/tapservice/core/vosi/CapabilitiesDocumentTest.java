package org.tapservice.core.vosi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.tapservice.adql.AdqlTranslator;
import org.tapservice.adql.OptionalFeature;
import org.tapservice.adql.TranslatorLimits;
import org.tapservice.adql.catalog.FunctionCatalog;
import org.tapservice.adql.catalog.UserFunction;
import org.tapservice.core.tap.OutputLimits;
import org.tapservice.core.testing.TestUploads;
import org.tapservice.votable.FormatDescription;
import org.tapservice.votable.ResultFormats;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * TAPRegExt 1.0: the ADQL language lists its optional features grouped by type; each
 * user-defined function is a feature of type features-udf whose form is its signature.
 */
class CapabilitiesDocumentTest {

    private static final String UDF_FEATURE = "//language/languageFeatures[@type='ivo://ivoa.net/std/TAPRegExt#features-udf']/feature";

    private final XPath xpath = XPathFactory.newInstance().newXPath();

    /** Parsed without namespaces: TAPRegExt's own elements are unqualified, so the paths stay short. */
    private static Document capabilities(List<OptionalFeature> features) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CapabilitiesDocument(new CapabilitiesDocument.TapCapability(features, ResultFormats.standard().formats(),
                new OutputLimits(1000, 10_000), TestUploads.LIMITS)).write("https://tap.example.org/tap", out);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
    }

    private String text(String path, Document document) throws XPathExpressionException {
        return xpath.evaluate(path, document);
    }

    @Test
    void eachUserDefinedFunctionIsAUdfFeatureWithItsSignatureAsFormAndItsDescription() throws Exception {
        AdqlTranslator translator = new AdqlTranslator(TranslatorLimits.defaults(), FunctionCatalog.of(
                UserFunction.declare("ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER")
                        .describedAs("1 if needle is a word of haystack, else 0"),
                UserFunction.declare("gaia_healpix_index(norder INTEGER, source_id BIGINT) -> BIGINT")));

        Document document = capabilities(translator.features());

        assertThat(text("count(//languageFeatures[@type='ivo://ivoa.net/std/TAPRegExt#features-udf'])", document)).isEqualTo("1");
        assertThat(text("count(" + UDF_FEATURE + ")", document)).isEqualTo("2");
        assertThat(text(UDF_FEATURE + "[1]/form", document)).isEqualTo("ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER");
        assertThat(text(UDF_FEATURE + "[1]/description", document)).isEqualTo("1 if needle is a word of haystack, else 0");
        assertThat(text(UDF_FEATURE + "[2]/form", document)).isEqualTo("gaia_healpix_index(norder INTEGER, source_id BIGINT) -> BIGINT");
        assertThat(text("count(" + UDF_FEATURE + "[2]/description)", document)).isEqualTo("0");
    }

    @Test
    void aServiceWithoutUserDefinedFunctionsDeclaresNoUdfFeatures() throws Exception {
        Document document = capabilities(new AdqlTranslator().features());

        assertThat(text("count(" + UDF_FEATURE + ")", document)).isEqualTo("0");
        assertThat(text("count(//languageFeatures[@type='" + OptionalFeature.GEOMETRY + "']/feature)", document))
                .isEqualTo(String.valueOf(OptionalFeature.SUPPORTED.stream().filter(f -> f.type().equals(OptionalFeature.GEOMETRY)).count()));
    }

    @Test
    void everyFormatTheServiceWritesIsDeclaredWithItsMimeTypeShortNamesAndStandardIdentifier() throws Exception {
        Document document = capabilities(List.of());
        List<FormatDescription> formats = ResultFormats.standard().formats();

        assertThat(text("count(//capability/outputFormat)", document)).isEqualTo(String.valueOf(formats.size()));
        for (int i = 0; i < formats.size(); i++) {
            String format = "//capability/outputFormat[" + (i + 1) + "]";
            FormatDescription expected = formats.get(i);
            assertThat(text(format + "/mime", document)).isEqualTo(expected.mime());
            assertThat(text("count(" + format + "/alias)", document)).isEqualTo(String.valueOf(expected.aliases().size()));
            assertThat(text(format + "/alias[1]", document)).isEqualTo(expected.aliases().getFirst());
            assertThat(text(format + "/@ivo-id", document)).isEqualTo(expected.ivoId().orElse(""));
        }
        assertThat(text("//outputFormat[@ivo-id='ivo://ivoa.net/std/TAPRegExt#output-votable-binary2']/alias[1]", document))
                .isEqualTo("votable");
        assertThat(text("//outputFormat[mime='application/fits']/alias", document)).isEqualTo("fits");
        assertThat(text("//outputFormat[mime='application/vnd.apache.parquet']/alias[1]", document)).isEqualTo("parquet");
        assertThat(text("//outputFormat[mime='text/html;charset=UTF-8']/alias", document)).isEqualTo("html");
    }

    @Test
    void everyDeclaredMimeTypeAndAliasIsAcceptedAsResponseformat() throws Exception {
        Document document = capabilities(List.of());
        ResultFormats formats = ResultFormats.standard();
        var values = (NodeList) xpath.evaluate("//outputFormat/mime | //outputFormat/alias", document,
                XPathConstants.NODESET);
        for (int i = 0; i < values.getLength(); i++) {
            assertThat(formats.forResponseFormat(values.item(i).getTextContent())).as(values.item(i).getTextContent()).isPresent();
        }
    }

    @Test
    void theDescriptionFollowsTheFormAsTheSchemaOrdersThem() throws Exception {
        Document document = capabilities(List.of(new OptionalFeature(OptionalFeature.UDF, "ivo_f(a TEXT) -> INTEGER",
                Optional.of("what f does"))));

        assertThat(text("name(" + UDF_FEATURE + "/*[1])", document)).isEqualTo("form");
        assertThat(text("name(" + UDF_FEATURE + "/*[2])", document)).isEqualTo("description");
    }

    @Test
    void theUploadMethodsAndTheUploadLimitInBytesAreDeclaredWhereTheSchemaPlacesThem() throws Exception {
        Document document = capabilities(List.of());

        assertThat(text("count(//uploadMethod)", document)).isEqualTo("3");
        assertThat(text("//uploadMethod[1]/@ivo-id", document)).isEqualTo("ivo://ivoa.net/std/TAPRegExt#upload-inline");
        assertThat(text("//uploadMethod[2]/@ivo-id", document)).isEqualTo("ivo://ivoa.net/std/TAPRegExt#upload-http");
        assertThat(text("//uploadMethod[3]/@ivo-id", document)).isEqualTo("ivo://ivoa.net/std/TAPRegExt#upload-https");
        assertThat(text("//uploadLimit/hard", document)).isEqualTo(Long.toString(TestUploads.LIMITS.maxBytes()));
        assertThat(text("//uploadLimit/hard/@unit", document)).isEqualTo("byte");
        assertThat(text("name(//uploadMethod[3]/following-sibling::*[1])", document)).isEqualTo("outputLimit");
        assertThat(text("name(//outputLimit/following-sibling::*[1])", document)).isEqualTo("uploadLimit");
    }

    @Test
    void dataLinkAndEachConeSearchTableAreParamHttpCapabilitiesAfterTheVosiOnes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CapabilitiesDocument(new CapabilitiesDocument.TapCapability(List.of(), ResultFormats.standard().formats(),
                new OutputLimits(1000, 10_000), TestUploads.LIMITS))
                .write("https://tap.example.org/tap", List.of("demo.stars", "science.sources"), out);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toByteArray()));

        String links = "//capability[@standardID='ivo://ivoa.net/std/DataLink#links-1.1']/interface";
        assertThat(text(links + "/accessURL", document)).isEqualTo("https://tap.example.org/tap/links");
        assertThat(text(links + "/@role", document)).isEqualTo("std");
        assertThat(text(links + "/resultType", document)).isEqualTo("application/x-votable+xml;content=datalink");
        String cones = "//capability[@standardID='ivo://ivoa.net/std/ConeSearch']/interface/accessURL";
        assertThat(text("count(" + cones + ")", document)).isEqualTo("2");
        assertThat(text("(" + cones + ")[2]", document)).isEqualTo("https://tap.example.org/tap/scs/science.sources");
        assertThat(text("count(//capability[@standardID='ivo://ivoa.net/std/ConeSearch'][1]/preceding-sibling::capability"
                + "[@standardID='ivo://ivoa.net/std/VOSI#capabilities'])", document)).isEqualTo("1");
    }
}

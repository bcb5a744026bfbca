package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RESPONSEFORMAT (DALI 3.4.4) selects a writer by short name or media type. */
class ResultFormatsTest {

    private static final String BINARY2 = "application/x-votable+xml;serialization=BINARY2";
    private static final String TABLEDATA = "application/x-votable+xml;serialization=TABLEDATA";
    private static final String BINARY = "application/x-votable+xml;serialization=BINARY";
    private static final String CSV = "text/csv;header=present";
    private static final String TSV = "text/tab-separated-values";
    private static final String FITS = "application/fits";
    private static final String PARQUET = "application/vnd.apache.parquet";
    private static final String HTML = "text/html;charset=UTF-8";

    private final ResultFormats formats = ResultFormats.standard();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            votable    | application/x-votable+xml;serialization=BINARY2
            VOTable    | application/x-votable+xml;serialization=BINARY2
            vot        | application/x-votable+xml;serialization=BINARY2
            votable/b2 | application/x-votable+xml;serialization=BINARY2
            votable/td | application/x-votable+xml;serialization=TABLEDATA
            VOTABLE/TD | application/x-votable+xml;serialization=TABLEDATA
            votable/b  | application/x-votable+xml;serialization=BINARY
            csv        | text/csv;header=present
            CSV        | text/csv;header=present
            tsv        | text/tab-separated-values
            fits       | application/fits
            FITS       | application/fits
            parquet    | application/vnd.apache.parquet
            voparquet  | application/vnd.apache.parquet
            html       | text/html;charset=UTF-8
            """)
    void shortNamesSelectTheirFormatIgnoringCase(String responseFormat, String mime) {
        assertEquals(mime, formats.forResponseFormat(responseFormat).orElseThrow().mimeType());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            application/x-votable+xml                                   | application/x-votable+xml;serialization=BINARY2
            application/x-votable+xml;serialization=BINARY2             | application/x-votable+xml;serialization=BINARY2
            application/x-votable+xml; serialization=binary2            | application/x-votable+xml;serialization=BINARY2
            application/x-votable+xml;serialization=TABLEDATA           | application/x-votable+xml;serialization=TABLEDATA
            application/x-votable+xml;serialization="TABLEDATA"         | application/x-votable+xml;serialization=TABLEDATA
            application/x-votable+xml;serialization=BINARY              | application/x-votable+xml;serialization=BINARY
            application/x-votable+xml;charset=UTF-8                     | application/x-votable+xml;serialization=BINARY2
            text/xml                                                    | application/x-votable+xml;serialization=BINARY2
            text/xml;serialization=TABLEDATA                            | application/x-votable+xml;serialization=TABLEDATA
            text/csv                                                    | text/csv;header=present
            text/csv;header=present                                     | text/csv;header=present
            text/csv; charset=utf-8; header=present                     | text/csv;header=present
            text/tab-separated-values                                   | text/tab-separated-values
            application/fits                                            | application/fits
            application/vnd.apache.parquet                              | application/vnd.apache.parquet
            text/html                                                   | text/html;charset=UTF-8
            text/html;charset=utf-8                                     | text/html;charset=UTF-8
            """)
    void mediaTypesSelectTheirFormatWithParametersInAnyOrderAndCase(String responseFormat, String mime) {
        assertEquals(mime, formats.forResponseFormat(responseFormat).orElseThrow().mimeType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/csv;header=absent", "text/csv;charset=latin1", "application/x-votable+xml;serialization=FITS",
            "application/json", "votable/fits", "text/plain", "image/fits", "", "nonsense", ";"})
    void formatsWeDoNotWriteSelectNothing(String responseFormat) {
        assertEquals(Optional.empty(), formats.forResponseFormat(responseFormat));
    }

    @Test
    void theDefaultIsVOTableBinary2() {
        assertEquals(BINARY2, formats.defaultWriter().mimeType());
        assertEquals("votable", formats.defaultWriter().formatName());
    }

    @Test
    void formatsDescribeEveryWriterWithTheTAPRegExtIdentifierWhereThereIsOne() {
        String tapRegExt = "ivo://ivoa.net/std/TAPRegExt#";
        assertEquals(List.of(
                new FormatDescription(BINARY2, List.of("votable", "vot", "votable/b2"), Optional.of(tapRegExt + "output-votable-binary2")),
                new FormatDescription(TABLEDATA, List.of("votable/td"), Optional.of(tapRegExt + "output-votable-td")),
                new FormatDescription(BINARY, List.of("votable/b"), Optional.of(tapRegExt + "output-votable-binary")),
                new FormatDescription(CSV, List.of("csv"), Optional.empty()),
                new FormatDescription(TSV, List.of("tsv"), Optional.empty()),
                new FormatDescription(FITS, List.of("fits"), Optional.empty()),
                new FormatDescription(PARQUET, List.of("parquet", "voparquet"), Optional.empty()),
                new FormatDescription(HTML, List.of("html"), Optional.empty())),
                formats.formats());
    }

    @Test
    void everyAdvertisedMimeTypeAndAliasSelectsTheFormatItDescribes() {
        for (FormatDescription format : formats.formats()) {
            assertEquals(format.mime(), formats.forResponseFormat(format.mime()).orElseThrow().mimeType());
            format.aliases().forEach(alias -> assertEquals(format.mime(), formats.forResponseFormat(alias).orElseThrow().mimeType()));
        }
    }

    @Test
    void theContentTypeIsTheWritersExceptThatTextXmlIsAnsweredAsTextXml() {
        assertEquals(Optional.of(BINARY2), formats.contentTypeFor("votable"));
        assertEquals(Optional.of(BINARY2), formats.contentTypeFor("application/x-votable+xml"));
        assertEquals(Optional.of("text/xml;serialization=BINARY2"), formats.contentTypeFor("text/xml"));
        assertEquals(Optional.of(CSV), formats.contentTypeFor("text/csv"));
        assertEquals(Optional.of(FITS), formats.contentTypeFor("application/fits"));
        assertEquals(Optional.empty(), formats.contentTypeFor("application/json"));
    }

    @Test
    void twoWritersMayNotShareAnAlias() {
        ResultWriter csv = formats.forResponseFormat("csv").orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> ResultFormats.of(List.of(csv, csv)));
    }
}

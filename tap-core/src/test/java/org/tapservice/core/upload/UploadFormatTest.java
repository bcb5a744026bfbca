package org.tapservice.core.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tapservice.core.TapException;
import org.tapservice.core.testing.UploadedBytes;

import uk.ac.starlink.votable.DataFormat;

/** An upload's format comes from the media type it was sent with, and only failing that from its bytes. */
class UploadFormatTest {

    @ParameterizedTest
    @CsvSource({
            "application/x-votable+xml, VOTABLE", "text/xml, VOTABLE", "application/x-votable+xml;serialization=BINARY2, VOTABLE",
            "text/csv, CSV", "text/csv; charset=utf-8, CSV", "TEXT/CSV;header=present, CSV",
            "application/fits, FITS", "image/fits, FITS"})
    void theMediaTypeNamesTheFormat(String mediaType, UploadFormat format) {
        assertThat(UploadFormat.ofMediaType(mediaType)).contains(format);
    }

    @Test
    void aCsvUploadIsNeverTakenForVOTableHoweverItBegins() throws IOException {
        UploadedBytes csv = UploadedBytes.text("<name>,ra\n<vega>,279.2\n", "text/csv");

        assertThat(UploadFormat.of("t", csv)).isEqualTo(UploadFormat.CSV);
    }

    @Test
    void aVOTableSentAsSuchIsNeverTakenForCsvHoweverBrokenItIs() throws IOException {
        assertThat(UploadFormat.of("t", UploadedBytes.text("id,ra\n1,2\n", "application/x-votable+xml")))
                .isEqualTo(UploadFormat.VOTABLE);
    }

    @Test
    void withoutAMediaTypeTheFirstBytesDecide() throws IOException {
        UploadedBytes votable = UploadedBytes.votable(UploadedBytes.positions(), DataFormat.TABLEDATA).untyped();
        UploadedBytes fits = UploadedBytes.fits(UploadedBytes.positions()).untyped();

        assertThat(UploadFormat.of("t", votable)).isEqualTo(UploadFormat.VOTABLE);
        assertThat(UploadFormat.of("t", fits)).isEqualTo(UploadFormat.FITS);
        assertThat(UploadFormat.of("t", UploadedBytes.text("id,ra\n1,2\n", null))).isEqualTo(UploadFormat.CSV);
        assertThat(UploadFormat.of("t", UploadedBytes.text("\ufeff  \n<?xml version='1.0'?><VOTABLE/>",
                "application/octet-stream"))).isEqualTo(UploadFormat.VOTABLE);
    }

    @Test
    void aCompressedUploadWithoutAMediaTypeIsRefused() {
        UploadedBytes gzip = UploadedBytes.of(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0}, null);

        assertThatThrownBy(() -> UploadFormat.of("t", gzip)).isInstanceOf(TapException.class)
                .hasMessage("upload 't' is compressed; send the table uncompressed");
    }
}

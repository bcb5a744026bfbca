package org.tapservice.core.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;

/** DALI 1.1 section 3.4.5 and TAP 1.1 section 3.3.5: the UPLOAD parameter. */
class UploadParameterTest {

    @Test
    void anUploadIsATableNameAndAUriSeparatedByAComma() {
        assertThat(UploadParameter.parse(List.of("t,param:t")))
                .containsExactly(new TableUpload("t", new UploadSource.InlinePart("t")));
    }

    @Test
    void severalUploadsAreSeparatedBySemicolonsOrSentInSeveralUploadParameters() {
        List<TableUpload> uploads = UploadParameter.parse(List.of(
                "a,param:first;b,http://example.org/b.xml", "c,https://example.org/c.csv?x=1&y=2"));

        assertThat(uploads).containsExactly(
                new TableUpload("a", new UploadSource.InlinePart("first")),
                new TableUpload("b", new UploadSource.RemoteTable(URI.create("http://example.org/b.xml"))),
                new TableUpload("c", new UploadSource.RemoteTable(URI.create("https://example.org/c.csv?x=1&y=2"))));
    }

    @Test
    void spacesAroundPairsAndEmptyPairsAreIgnored() {
        assertThat(UploadParameter.parse(List.of(" a , param:a ; ;b,param:b;")))
                .extracting(TableUpload::name).containsExactly("a", "b");
    }

    @Test
    void noUploadParameterMeansNoUploads() {
        assertThat(UploadParameter.parse(List.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1t", "my table", "t-1", "_t", "select", "POINT", "\"t\"", ""})
    void aTableNameThatIsNotAnAdqlIdentifierIsRefused(String name) {
        assertInvalid(name + ",param:x", "is not an ADQL identifier");
    }

    @Test
    void theSameTableNameTwiceIsRefusedWhateverItsCase() {
        assertInvalid("t,param:a;T,param:b", "names the table 'T' twice");
    }

    @Test
    void aPairWithoutACommaIsRefused() {
        assertInvalid("param:t", "name,URI pairs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"t,ftp://example.org/t.xml", "t,file:///etc/passwd", "t,vos://example.org!x/t",
                            "t,/relative/path", "t,http:///nohost"})
    void uriSchemesOtherThanParamHttpAndHttpsAreRefused(String value) {
        assertThatThrownBy(() -> UploadParameter.parse(List.of(value))).isInstanceOf(TapException.class)
                .satisfies(e -> assertThat(((TapException) e).kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
                .hasMessageContaining("UPLOAD of table 't'");
    }

    @Test
    void paramWithoutAPartNameIsRefused() {
        assertInvalid("t,param:", "param: needs the name of a part");
    }

    private static void assertInvalid(String value, String message) {
        assertThatThrownBy(() -> UploadParameter.parse(List.of(value)))
                .isInstanceOf(TapException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((TapException) e).kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
    }
}

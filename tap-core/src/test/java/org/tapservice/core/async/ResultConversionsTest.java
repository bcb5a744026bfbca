package org.tapservice.core.async;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.results.ConversionClaim;
import org.tapservice.core.results.InMemoryConversionStates;
import org.tapservice.core.uws.ConvertedResult;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.Result;
import org.tapservice.votable.ColumnMetadata;
import org.tapservice.votable.Datatype;
import org.tapservice.votable.Info;
import org.tapservice.votable.ResultFormats;
import org.tapservice.votable.ResultTable;
import org.tapservice.votable.ResultWriter;
import org.tapservice.votable.RowCursor;

/**
 * How {@link ResultConversions} answers what is not a plain conversion: a conversion held
 * elsewhere for longer than a request may wait, a job whose result cannot be read back, and
 * the formats a job offers. (Conversions themselves, on the real stores, are tested in tap-api.)
 */
class ResultConversionsTest {

    private static final ResultFormats FORMATS = ResultFormats.standard();
    private static final String BINARY2 = FORMATS.defaultWriter().mimeType();

    @TempDir
    Path results;

    private Cluster cluster;
    private InMemoryConversionStates states;
    private ResultConversions conversions;

    @BeforeEach
    void start() {
        cluster = Cluster.start(results);
        states = new InMemoryConversionStates(cluster.clock());
        conversions = new ResultConversions(cluster.results(), states, cluster.store(), cluster.events(),
                cluster.waiters(), FORMATS, new ConversionSettings("here", Duration.ofMillis(300), Duration.ofMillis(500)));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aStoredBinary2ResultIsConvertedOnceAndThenServedFromItsCopy() throws Exception {
        Job job = completedWithBinary2();

        String first = deliver(job, "result", Optional.of("csv"));
        String second = deliver(job, "result-csv", Optional.empty());

        assertThat(first).isEqualTo("n,label\n1,one\n2,two\n").isEqualTo(second);
        assertThat(conversions.conversionsMade()).isEqualTo(1);
        assertThat(conversions.offered(job)).filteredOn(result -> result.id().equals("result-csv"))
                .singleElement().satisfies(csv -> {
                    assertThat(csv.state()).isEqualTo(ConvertedResult.State.STORED);
                    assertThat(csv.size()).hasValue(first.length());
                });
    }

    @Test
    void aRequestThatWaitsLongerThanItsBoundForAConversionMadeElsewhereIs503NamingTheConverter() throws Exception {
        Job job = completedWithBinary2();
        // renewed by nobody, but far longer than the wait
        assertThat(states.claim(job.id(), "result-csv", "elsewhere", Duration.ofMinutes(5)))
                .isInstanceOf(ConversionClaim.Granted.class);

        assertThatThrownBy(() -> deliver(job, "result", Optional.of("csv")))
                .isInstanceOfSatisfying(TapException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("being converted to csv").contains("elsewhere")
                            .contains("ask again later");
                });
        assertThat(conversions.offered(job)).filteredOn(result -> result.id().equals("result-csv")).singleElement()
                .satisfies(csv -> assertThat(csv.converter()).hasValue("elsewhere"));
    }

    @Test
    void aJobWhoseResultWasKeptOnlyAsCsvOffersNoConversionAndSaysWhyWhenAskedForOne() {
        Job job = cluster.completedWith(List.of(Result.main("text/csv;header=present", 10)));

        assertThat(conversions.offered(job)).isEmpty();
        assertThatThrownBy(() -> deliver(job, "result", Optional.of("fits")))
                .isInstanceOfSatisfying(TapException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("kept as text/csv").contains("run the query again");
                });
    }

    @Test
    void aStoredResultThatCannotBeReadIsA503BeforeAnyByteAndTheConversionCanBeTriedAgain() throws Exception {
        Job job = cluster.completedWith(List.of(Result.main(BINARY2, 5)));
        try (OutputStream out = cluster.results().create(job.id(), Result.MAIN)) {
            out.write("a,b\n".getBytes(UTF_8));
        }
        boolean[] opened = {false};

        assertThatThrownBy(() -> conversions.deliver(job, "result", Optional.of("csv"), (type, size) -> {
            opened[0] = true;
            return new ByteArrayOutputStream();
        })).isInstanceOfSatisfying(TapException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("could not be read");
        });

        assertThat(opened[0]).as("the response was never begun").isFalse();
        assertThat(states.claim(job.id(), "result-csv", "next", Duration.ofMinutes(1)))
                .as("the failed conversion gave its lease back").isInstanceOf(ConversionClaim.Granted.class);
    }

    @Test
    void everyFormatButTheJobsOwnIsOfferedUnderItsResultId() throws Exception {
        Job job = completedWithBinary2();

        assertThat(conversions.offered(job)).extracting(ConvertedResult::id).containsExactly("result-votable-td",
                "result-votable-b", "result-csv", "result-tsv", "result-fits", "result-parquet", "result-html");
        assertThat(conversions.isConversion("result", Optional.empty())).isFalse();
        assertThat(conversions.isConversion("result", Optional.of("csv"))).isTrue();
        assertThat(conversions.isConversion("upload.list.vot", Optional.empty())).isFalse();
    }

    private Job completedWithBinary2() throws IOException {
        ResultWriter binary2 = FORMATS.defaultWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        binary2.write(new ResultTable(List.of(ColumnMetadata.of("n", Datatype.INT, null),
                ColumnMetadata.of("label", Datatype.CHAR, "*")), new TwoRows(), 1000,
                List.of(new Info("MAXREC", "1000"))), bytes);
        Job job = cluster.completedWith(List.of(Result.main(BINARY2, bytes.size())));
        try (OutputStream out = cluster.results().create(job.id(), Result.MAIN)) {
            out.write(bytes.toByteArray());
        }
        return job;
    }

    private String deliver(Job job, String resultId, Optional<String> format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        conversions.deliver(job, resultId, format, (contentType, size) -> out);
        return out.toString(UTF_8);
    }

    private static final class TwoRows implements RowCursor {
        private int row;

        @Override
        public boolean next() {
            return ++row <= 2;
        }

        @Override
        public Object cell(int column) {
            return column == 0 ? (Object) row : (row == 1 ? "one" : "two");
        }

        @Override
        public void close() {
        }
    }
}

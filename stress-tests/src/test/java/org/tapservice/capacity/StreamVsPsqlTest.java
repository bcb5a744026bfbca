package org.tapservice.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The report reads bench/stream-vs-psql.sh's lines back rather than timing the download a
 * second way. The fixture is the script's output from a real run of the report (a million
 * rows, BINARY2 only).
 */
class StreamVsPsqlTest {

    @Test
    void theScriptsTimesForPsqlAndTheFormatAreRead() throws Exception {
        StreamVsPsql race = StreamVsPsql.parse(Files.readString(Path.of("src/test/resources/stream-vs-psql/votable-b2.txt")),
                1_000_000, "votable/b2");
        assertThat(race).isEqualTo(new StreamVsPsql(1_000_000, "votable/b2", 4.30, 4.26, 140));
        assertThat(race.ratio()).isGreaterThan(1.0);
    }

    /** The script now ends each format's line with the server's CPU seconds for the download. */
    @Test
    void theServersCpuTimeAfterAFormatsFiguresDoesNotHideThem() throws Exception {
        StreamVsPsql race = StreamVsPsql.parse(Files.readString(
                Path.of("src/test/resources/stream-vs-psql/votable-b2-server-cpu.txt")), 200_000, "votable/b2");
        assertThat(race).isEqualTo(new StreamVsPsql(200_000, "votable/b2", 0.33, 0.57, 28));
    }

    @Test
    void outputWithoutTheFormatsLineIsAnErrorNotAFigure() {
        assertThatThrownBy(() -> StreamVsPsql.parse("psql \\copy     4.30 s      232558 rows/s   client peak RSS    9 MB\n",
                1_000_000, "votable/b2")).hasMessageContaining("no psql and votable/b2 timings");
    }

    @Test
    void ofThreeRunsTheOneOfTheMedianRatioIsTaken() {
        StreamVsPsql slow = new StreamVsPsql(1_000_000, "votable/b2", 1.0, 1.3, 140);
        StreamVsPsql middle = new StreamVsPsql(1_000_000, "votable/b2", 1.0, 1.05, 140);
        StreamVsPsql fast = new StreamVsPsql(1_000_000, "votable/b2", 1.0, 0.98, 140);

        assertThat(StreamVsPsql.median(List.of(slow, fast, middle))).isEqualTo(middle);
    }
}

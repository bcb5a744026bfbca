package org.tapservice.votable.benchmark;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tapservice.votable.ColumnMetadata;
import org.tapservice.votable.Datatype;
import org.tapservice.votable.ResultFormats;
import org.tapservice.votable.ResultTable;
import org.tapservice.votable.ResultWriter;
import org.tapservice.votable.RowCursor;
import org.tapservice.votable.WriteSummary;

/**
 * Writes a 1,000,000-row, 7-column star table (long, 2 doubles, 2 floats, a short string, a
 * short) to a stream that discards it: the cost of the writer alone, one operation per table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx256m"}) // a small heap: the writer must not need more
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class WriterBenchmark {

    static final int ROWS = 1_000_000;

    private static final List<ColumnMetadata> STARS = List.of(
            new ColumnMetadata("source_id", Datatype.LONG, null, null, null, "meta.id;meta.main", null, null),
            new ColumnMetadata("ra", Datatype.DOUBLE, null, null, "deg", "pos.eq.ra;meta.main", null, null),
            new ColumnMetadata("dec", Datatype.DOUBLE, null, null, "deg", "pos.eq.dec;meta.main", null, null),
            new ColumnMetadata("g_mag", Datatype.FLOAT, null, null, "mag", "phot.mag;em.opt.V", null, null),
            new ColumnMetadata("bp_rp", Datatype.FLOAT, null, null, "mag", "phot.color", null, null),
            new ColumnMetadata("designation", Datatype.CHAR, "*", null, null, "meta.id", null, null),
            new ColumnMetadata("flags", Datatype.SHORT, null, null, null, "meta.code", null, null));

    @Param({"votable/b2", "votable/td", "csv"})
    public String format;

    private ResultWriter writer;

    @Setup
    public void setUp() {
        writer = ResultFormats.standard().forResponseFormat(format).orElseThrow();
    }

    @Benchmark
    public WriteSummary writeMillionStars() throws IOException {
        return writer.write(new ResultTable(STARS, new StarCursor(ROWS)), OutputStream.nullOutputStream());
    }

    /** Generates plausible rows cheaply, so that the cursor costs little next to the writer. */
    private static final class StarCursor implements RowCursor {
        private static final String[] NAMES = java.util.stream.IntStream.range(0, 1024)
                .mapToObj(i -> "Gaia DR3 " + (4_000_000_000L + i * 7919L)).toArray(String[]::new);
        private final int rows;
        private int row = -1;

        StarCursor(int rows) {
            this.rows = rows;
        }

        @Override
        public boolean next() {
            return ++row < rows;
        }

        @Override
        public Object cell(int column) {
            return switch (column) {
                case 0 -> (long) row * 31L;
                case 1 -> (row % 360_000) / 1000.0;
                case 2 -> ((row % 180_000) / 1000.0) - 90.0;
                case 3 -> 5f + (row % 1500) / 100f;
                case 4 -> (row % 300) / 100f - 0.5f;
                case 5 -> NAMES[row & 1023];
                case 6 -> (short) (row & 0x7fff);
                default -> throw new IndexOutOfBoundsException(column);
            };
        }

        @Override
        public void close() {
        }
    }
}

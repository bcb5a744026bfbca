package org.tapservice.votable;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import uk.ac.starlink.table.AbstractStarTable;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;

/**
 * The rows of a one-pass table copied to a temporary file, to be read again as often as a writer
 * needs: for formats whose header depends on every row (FITS states the row count and column
 * widths before the data). Memory stays flat whatever the number of rows: each pass reads the
 * file front to back through one buffer, and nothing is kept per row. STIL's own disk row store
 * would keep an offset per row in memory, four bytes a row of a ten-million-row result.
 *
 * <p>Each cell is a presence byte and, when present, the value in {@link DataOutputStream}'s
 * encoding; strings and arrays are preceded by their length. The cells are of the classes
 * {@link StilColumn} hands to STIL.
 */
final class RowSpool implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final Path file;
    private final StarTable metadata;
    private final long rowCount;

    private RowSpool(Path file, StarTable metadata, long rowCount) {
        this.file = file;
        this.metadata = metadata;
        this.rowCount = rowCount;
    }

    /** Copies every row the table's single pass gives into a new file in the directory, deleted on close. */
    static RowSpool copy(StarTable table, Path directory) throws IOException {
        Path file = Files.createTempFile(directory, "result-", ".spool");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER));
             RowSequence rows = table.getRowSequence()) {
            long count = 0;
            while (rows.next()) {
                for (Object cell : rows.getRow()) {
                    write(out, cell);
                }
                count++;
            }
            return new RowSpool(file, table, count);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** The spooled rows as a table with the original's columns, readable any number of times. */
    StarTable table() {
        return new SpooledTable();
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }

    private static void write(DataOutputStream out, Object cell) throws IOException {
        out.writeBoolean(cell != null);
        switch (cell) {
            case null -> { }
            case Boolean b -> out.writeBoolean(b);
            case Short s -> out.writeShort(s);
            case Integer i -> out.writeInt(i);
            case Long l -> out.writeLong(l);
            case Float f -> out.writeFloat(f);
            case Double d -> out.writeDouble(d);
            case String s -> {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
            case boolean[] a -> {
                out.writeInt(a.length);
                for (boolean v : a) {
                    out.writeBoolean(v);
                }
            }
            case short[] a -> {
                out.writeInt(a.length);
                for (short v : a) {
                    out.writeShort(v);
                }
            }
            case int[] a -> {
                out.writeInt(a.length);
                for (int v : a) {
                    out.writeInt(v);
                }
            }
            case long[] a -> {
                out.writeInt(a.length);
                for (long v : a) {
                    out.writeLong(v);
                }
            }
            case float[] a -> {
                out.writeInt(a.length);
                for (float v : a) {
                    out.writeFloat(v);
                }
            }
            case double[] a -> {
                out.writeInt(a.length);
                for (double v : a) {
                    out.writeDouble(v);
                }
            }
            default -> throw new IllegalStateException("cannot spool a " + cell.getClass().getName());
        }
    }

    /** Reads a cell of the column's class, as {@link #write} wrote it. */
    private static Object read(DataInputStream in, Class<?> type) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        if (type == Boolean.class) {
            return in.readBoolean();
        } else if (type == Short.class) {
            return in.readShort();
        } else if (type == Integer.class) {
            return in.readInt();
        } else if (type == Long.class) {
            return in.readLong();
        } else if (type == Float.class) {
            return in.readFloat();
        } else if (type == Double.class) {
            return in.readDouble();
        } else if (type == String.class) {
            return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
        }
        int length = in.readInt();
        if (type == boolean[].class) {
            boolean[] a = new boolean[length];
            for (int i = 0; i < length; i++) {
                a[i] = in.readBoolean();
            }
            return a;
        } else if (type == short[].class) {
            short[] a = new short[length];
            for (int i = 0; i < length; i++) {
                a[i] = in.readShort();
            }
            return a;
        } else if (type == int[].class) {
            int[] a = new int[length];
            for (int i = 0; i < length; i++) {
                a[i] = in.readInt();
            }
            return a;
        } else if (type == long[].class) {
            long[] a = new long[length];
            for (int i = 0; i < length; i++) {
                a[i] = in.readLong();
            }
            return a;
        } else if (type == float[].class) {
            float[] a = new float[length];
            for (int i = 0; i < length; i++) {
                a[i] = in.readFloat();
            }
            return a;
        } else if (type == double[].class) {
            double[] a = new double[length];
            for (int i = 0; i < length; i++) {
                a[i] = in.readDouble();
            }
            return a;
        }
        throw new IllegalStateException("cannot read a spooled " + type.getName());
    }

    private final class SpooledTable extends AbstractStarTable {

        private final List<Class<?>> types = new ArrayList<>();

        SpooledTable() {
            for (int i = 0; i < metadata.getColumnCount(); i++) {
                types.add(metadata.getColumnInfo(i).getContentClass());
            }
        }

        @Override
        public int getColumnCount() {
            return metadata.getColumnCount();
        }

        @Override
        public ColumnInfo getColumnInfo(int column) {
            return metadata.getColumnInfo(column);
        }

        @Override
        public long getRowCount() {
            return rowCount;
        }

        @Override
        public RowSequence getRowSequence() throws IOException {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
            Object[] row = new Object[types.size()];
            return new RowSequence() {
                private long rowsRead;

                @Override
                public boolean next() throws IOException {
                    if (rowsRead == rowCount) {
                        return false;
                    }
                    for (int i = 0; i < row.length; i++) {
                        row[i] = read(in, types.get(i));
                    }
                    rowsRead++;
                    return true;
                }

                @Override
                public Object getCell(int column) {
                    return row[column];
                }

                @Override
                public Object[] getRow() {
                    return row;
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        }
    }
}

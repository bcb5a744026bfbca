package org.tapservice.votable;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Encodes rows as VOTable BINARY or BINARY2 byte for byte as STIL's serializer does, for the
 * columns whose encoding it knows: scalars, strings and numeric arrays. STIL goes through
 * a generic encoder per cell (a boxed value, a DataOutput call per value, a wrapping table
 * replacing non-ASCII characters, and base64 a byte at a time), which for a large result costs
 * more than reading the rows from the database; here each column's encoding is chosen once and
 * writes straight into a {@link Base64Stream}. The FIELDs, and every column of any other kind,
 * stay STIL's.
 *
 * <p>The encodings, as STIL writes them (VOTable 1.4 section 5): numbers big-endian; a NULL
 * number NaN, or for an integer in BINARY the FIELD's null value (the type's smallest, as STIL
 * declares it) and in BINARY2, whose null flags say it, zero; a boolean
 * {@code T}, {@code F}, or a space for NULL; a char string one byte per character (after
 * {@link AsciiCharTable}'s replacement of non-ASCII characters) and a unicodeChar string two,
 * padded with zero bytes to a fixed length or preceded by its length if variable, a NULL string
 * being empty; an array its elements, padded to a fixed size with the element type's
 * pad, or preceded by its element count. BINARY2 puts a bit per column before each row, set
 * for NULL cells (section 5.4), whose values are then encoded as above.
 */
final class BinaryRowEncoder {

    /** One column's encoding of a cell, given as {@link StilColumn#toStil} hands it to STIL. */
    @FunctionalInterface
    private interface CellEncoder {
        void encode(Object cell, Base64Stream out) throws IOException;
    }

    private final CellEncoder[] cells;
    private final boolean nullFlags;
    private final byte[] flags;

    private BinaryRowEncoder(CellEncoder[] cells, boolean nullFlags) {
        this.cells = cells;
        this.nullFlags = nullFlags;
        this.flags = new byte[(cells.length + 7) / 8];
    }

    /**
     * An encoder for rows of these columns, if every column is of a kind it encodes.
     *
     * @param binary2 BINARY2 (null flags before each row), else BINARY
     */
    static Optional<BinaryRowEncoder> forColumns(List<ColumnMetadata> columns, boolean binary2) {
        CellEncoder[] cells = new CellEncoder[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            CellEncoder cell = encoder(columns.get(i), binary2);
            if (cell == null) {
                return Optional.empty();
            }
            cells[i] = cell;
        }
        return Optional.of(new BinaryRowEncoder(cells, binary2));
    }

    /** Encodes one row, its cells as {@link StilColumn#toStil} gives them. */
    void encode(Object[] row, Base64Stream out) throws IOException {
        if (nullFlags) {
            Arrays.fill(flags, (byte) 0);
            for (int i = 0; i < row.length; i++) {
                if (row[i] == null) {
                    flags[i >> 3] |= (byte) (0x80 >>> (i & 7));
                }
            }
            out.reserve(flags.length);
            for (byte flag : flags) {
                out.putByte(flag);
            }
        }
        for (int i = 0; i < row.length; i++) {
            cells[i].encode(row[i], out);
        }
    }

    /** The encoding of a column, or null for one left to STIL. */
    private static CellEncoder encoder(ColumnMetadata column, boolean binary2) {
        int[] dims = column.shape().dims();
        if (column.datatype().isCharacter()) {
            return string(column.datatype() == Datatype.UNICODE_CHAR, stringLength(dims));
        }
        if (dims.length == 0) {
            return binary2 ? scalar(column.datatype(), 0, 0, 0) : scalar(column.datatype(), Short.MIN_VALUE,
                    Integer.MIN_VALUE, Long.MIN_VALUE);
        }
        boolean variable = dims[dims.length - 1] == ArraySize.VARIABLE;
        int elements = 1;
        for (int dim : dims) {
            elements *= variable ? 1 : dim;
        }
        return variable ? variableArray(column.datatype()) : fixedArray(column.datatype(), elements);
    }

    /** As {@link StilColumn} sizes a string: a fixed number of characters, or -1 for variable. */
    private static int stringLength(int[] dims) {
        if (dims.length == 0) {
            return 1;
        }
        return dims.length == 1 ? dims[0] : ArraySize.VARIABLE;
    }

    /**
     * @param nullShort the value written for a NULL short; likewise for int and long
     */
    private static CellEncoder scalar(Datatype datatype, int nullShort, int nullInt, long nullLong) {
        return switch (datatype) {
            case BOOLEAN -> (cell, out) -> {
                out.reserve(1);
                out.putByte(cell == null ? ' ' : (Boolean) cell ? 'T' : 'F');
            };
            case SHORT -> (cell, out) -> {
                out.reserve(2);
                out.putShort(cell == null ? nullShort : (Short) cell);
            };
            case INT -> (cell, out) -> {
                out.reserve(4);
                out.putInt(cell == null ? nullInt : (Integer) cell);
            };
            case LONG -> (cell, out) -> {
                out.reserve(8);
                out.putLong(cell == null ? nullLong : (Long) cell);
            };
            case FLOAT -> (cell, out) -> {
                out.reserve(4);
                out.putFloat(cell == null ? Float.NaN : (Float) cell);
            };
            case DOUBLE -> (cell, out) -> {
                out.reserve(8);
                out.putDouble(cell == null ? Double.NaN : (Double) cell);
            };
            default -> null;
        };
    }

    private static CellEncoder string(boolean unicode, int length) {
        if (!unicode) {
            return asciiString(length);
        }
        if (length == ArraySize.VARIABLE) {
            return (cell, out) -> {
                String text = cell == null ? "" : (String) cell;
                out.reserve(4 + text.length() * 2);
                out.putInt(text.length());
                putUcs2(text, text.length(), out);
            };
        }
        return (cell, out) -> {
            String text = cell == null ? "" : (String) cell;
            int written = Math.min(text.length(), length);
            out.reserve(length * 2);
            putUcs2(text, written, out);
            out.putZeros((length - written) * 2);
        };
    }

    /**
     * A char column: the text is written as it is, in one pass, while it is ASCII (nearly always);
     * at the first character that is not, what was written of the cell is taken back and the
     * cell written again as {@link AsciiCharTable#ascii} makes it, whose length may differ (a
     * surrogate pair is one '?').
     */
    private static CellEncoder asciiString(int length) {
        if (length == ArraySize.VARIABLE) {
            return (cell, out) -> {
                String text = cell == null ? "" : (String) cell;
                out.reserve(4 + text.length());
                int start = out.position();
                out.putInt(text.length());
                if (!out.putAscii(text, text.length())) {
                    out.rewind(start);
                    String ascii = AsciiCharTable.ascii(text);
                    out.putInt(ascii.length());
                    out.putAscii(ascii, ascii.length());
                }
            };
        }
        return (cell, out) -> {
            String text = cell == null ? "" : (String) cell;
            out.reserve(length);
            int start = out.position();
            if (!out.putAscii(text, Math.min(text.length(), length))) {
                out.rewind(start);
                text = AsciiCharTable.ascii(text);
                out.putAscii(text, Math.min(text.length(), length));
            }
            out.putZeros(length - (out.position() - start));
        };
    }

    /** UCS-2, as VOTable 1.4 defines unicodeChar: no surrogates, each half a '?' as with STIL. */
    private static void putUcs2(String text, int count, Base64Stream out) {
        for (int i = 0; i < count; i++) {
            char c = text.charAt(i);
            out.putShort(Character.isSurrogate(c) ? '?' : c);
        }
    }

    private static CellEncoder variableArray(Datatype datatype) {
        return switch (datatype) {
            case BOOLEAN -> (cell, out) -> {
                boolean[] values = cell == null ? new boolean[0] : (boolean[]) cell;
                out.reserve(4 + values.length);
                out.putInt(values.length);
                for (boolean value : values) {
                    out.putByte(value ? 'T' : 'F');
                }
            };
            case SHORT -> (cell, out) -> {
                short[] values = cell == null ? new short[0] : (short[]) cell;
                out.reserve(4 + 2 * values.length);
                out.putInt(values.length);
                for (short value : values) {
                    out.putShort(value);
                }
            };
            case INT -> (cell, out) -> {
                int[] values = cell == null ? new int[0] : (int[]) cell;
                out.reserve(4 + 4 * values.length);
                out.putInt(values.length);
                for (int value : values) {
                    out.putInt(value);
                }
            };
            case LONG -> (cell, out) -> {
                long[] values = cell == null ? new long[0] : (long[]) cell;
                out.reserve(4 + 8 * values.length);
                out.putInt(values.length);
                for (long value : values) {
                    out.putLong(value);
                }
            };
            case FLOAT -> (cell, out) -> {
                float[] values = cell == null ? new float[0] : (float[]) cell;
                out.reserve(4 + 4 * values.length);
                out.putInt(values.length);
                for (float value : values) {
                    out.putFloat(value);
                }
            };
            case DOUBLE -> (cell, out) -> {
                double[] values = cell == null ? new double[0] : (double[]) cell;
                out.reserve(4 + 8 * values.length);
                out.putInt(values.length);
                for (double value : values) {
                    out.putDouble(value);
                }
            };
            default -> null;
        };
    }

    private static CellEncoder fixedArray(Datatype datatype, int elements) {
        return switch (datatype) {
            case BOOLEAN -> (cell, out) -> {
                boolean[] values = cell == null ? new boolean[0] : (boolean[]) cell;
                out.reserve(elements);
                for (int i = 0; i < elements; i++) {
                    out.putByte(i < values.length ? (values[i] ? 'T' : 'F') : ' ');
                }
            };
            case SHORT -> (cell, out) -> {
                short[] values = cell == null ? new short[0] : (short[]) cell;
                out.reserve(2 * elements);
                for (int i = 0; i < elements; i++) {
                    out.putShort(i < values.length ? values[i] : 0);
                }
            };
            case INT -> (cell, out) -> {
                int[] values = cell == null ? new int[0] : (int[]) cell;
                out.reserve(4 * elements);
                for (int i = 0; i < elements; i++) {
                    out.putInt(i < values.length ? values[i] : 0);
                }
            };
            case LONG -> (cell, out) -> {
                long[] values = cell == null ? new long[0] : (long[]) cell;
                out.reserve(8 * elements);
                for (int i = 0; i < elements; i++) {
                    out.putLong(i < values.length ? values[i] : 0L);
                }
            };
            case FLOAT -> (cell, out) -> {
                float[] values = cell == null ? new float[0] : (float[]) cell;
                out.reserve(4 * elements);
                for (int i = 0; i < elements; i++) {
                    out.putFloat(i < values.length ? values[i] : Float.NaN);
                }
            };
            case DOUBLE -> (cell, out) -> {
                double[] values = cell == null ? new double[0] : (double[]) cell;
                out.reserve(8 * elements);
                for (int i = 0; i < elements; i++) {
                    out.putDouble(i < values.length ? values[i] : Double.NaN);
                }
            };
            default -> null;
        };
    }
}

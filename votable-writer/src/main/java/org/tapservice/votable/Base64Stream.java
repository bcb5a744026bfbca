package org.tapservice.votable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * The bytes of a VOTable binary STREAM as they are encoded, written base64 in lines of 64
 * characters each ended by a newline, as STIL lays them out. Values are put big-endian straight
 * into one block, which is encoded whole when full: the JDK's encoder works on large arrays at
 * a time, where a byte-at-a-time encoder would cost as much as everything else in a large result.
 * The encoder is the plain one, which encodes a whole block in one call (vectorised by the
 * JIT), and the lines are broken as its text is copied out ({@link LineBreaks}): the JDK's MIME
 * encoder makes a call per line of 48 bytes, and its stream wrapper encodes a byte at a time.
 */
final class Base64Stream {

    /** Raw bytes in a line of 64 base64 characters. */
    private static final int LINE_BYTES = 48;
    private static final int LINE_CHARS = 64;
    /**
     * 1024 lines: 48 KiB raw, 65 KiB encoded, what the block grows to; room for any one cell
     * beyond that is made by growing further.
     */
    private static final int BLOCK_BYTES = 1024 * LINE_BYTES;
    /** 64 lines: what a small result (a cone search) needs, without allocating a whole block. */
    private static final int FIRST_BLOCK_BYTES = 64 * LINE_BYTES;

    private final Base64.Encoder encoder = Base64.getEncoder();
    private final LineBreaks lines;
    private byte[] block = new byte[FIRST_BLOCK_BYTES];
    private int position;

    Base64Stream(OutputStream out) {
        this.lines = new LineBreaks(out);
    }

    /** Makes room for {@code bytes} more raw bytes, encoding the full lines held so far. */
    void reserve(int bytes) throws IOException {
        if (position + bytes <= block.length) {
            return;
        }
        if (block.length < BLOCK_BYTES) {
            block = Arrays.copyOf(block, Math.min(BLOCK_BYTES, 2 * block.length));
            reserve(bytes);
            return;
        }
        int whole = position - position % LINE_BYTES;
        writeLines(whole);
        System.arraycopy(block, whole, block, 0, position - whole);
        position -= whole;
        if (position + bytes > block.length) {
            // one cell larger than a block (a long string or array): grow to hold it
            int size = (position + bytes + LINE_BYTES - 1) / LINE_BYTES * LINE_BYTES;
            block = Arrays.copyOf(block, size);
        }
    }

    void putByte(int value) {
        block[position++] = (byte) value;
    }

    void putShort(int value) {
        block[position++] = (byte) (value >> 8);
        block[position++] = (byte) value;
    }

    void putInt(int value) {
        block[position++] = (byte) (value >> 24);
        block[position++] = (byte) (value >> 16);
        block[position++] = (byte) (value >> 8);
        block[position++] = (byte) value;
    }

    void putLong(long value) {
        putInt((int) (value >> 32));
        putInt((int) value);
    }

    /** As DataOutput writes it: every NaN as the one canonical NaN. */
    void putFloat(float value) {
        putInt(Float.floatToIntBits(value));
    }

    /** As DataOutput writes it: every NaN as the one canonical NaN. */
    void putDouble(double value) {
        putLong(Double.doubleToLongBits(value));
    }

    /**
     * The first {@code count} characters of the text, a byte each, as long as they are ASCII:
     * false at the first that is not, with the characters before it written.
     */
    boolean putAscii(String text, int count) {
        for (int i = 0; i < count; i++) {
            char c = text.charAt(i);
            if (c > 0x7F) {
                return false;
            }
            block[position++] = (byte) c;
        }
        return true;
    }

    /** Where the next byte goes, for {@link #rewind}. */
    int position() {
        return position;
    }

    /** Takes back what was put since {@link #position()} answered {@code mark}, with no reserve between. */
    void rewind(int mark) {
        if (mark > position) {
            throw new IllegalArgumentException("cannot rewind forward, to " + mark + " from " + position);
        }
        position = mark;
    }

    /** Zero bytes, as padding. */
    void putZeros(int count) {
        Arrays.fill(block, position, position + count, (byte) 0);
        position += count;
    }

    /**
     * Encodes what is left, the last line padded as base64 pads it, and ends it with its newline.
     * Nothing may be put after.
     */
    void finish() throws IOException {
        writeLines(position);
        position = 0;
        lines.close();
    }

    /**
     * Whole lines of raw bytes, or the last ones: only the last may be padded, and every other
     * is a multiple of 3 bytes, which base64 encodes without.
     */
    private void writeLines(int rawBytes) throws IOException {
        if (rawBytes > 0) {
            ByteBuffer text = encoder.encode(ByteBuffer.wrap(block, 0, rawBytes));
            lines.write(text.array(), text.arrayOffset() + text.position(), text.remaining());
        }
    }

    /**
     * Base64 text into lines of 64 characters, each ended by a newline, the last one when closed;
     * closing leaves the underlying stream open, for the rest of the document.
     */
    private static final class LineBreaks {

        private final OutputStream out;
        private int column;

        LineBreaks(OutputStream out) {
            this.out = out;
        }

        void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                int n = Math.min(length, LINE_CHARS - column);
                out.write(bytes, offset, n);
                offset += n;
                length -= n;
                column += n;
                if (column == LINE_CHARS) {
                    out.write('\n');
                    column = 0;
                }
            }
        }

        void close() throws IOException {
            if (column > 0) {
                out.write('\n');
                column = 0;
            }
        }
    }
}

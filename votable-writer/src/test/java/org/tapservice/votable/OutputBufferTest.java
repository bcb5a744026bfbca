package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import org.junit.jupiter.api.Test;

class OutputBufferTest {

    /** A stream that counts its flushes and the writes it was given. */
    private static final class Recording extends ByteArrayOutputStream {
        int flushes;
        int writes;

        @Override
        public void write(byte[] bytes, int offset, int length) {
            writes++;
            super.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    @Test
    void bytesOfEverySizeArriveInTheirOrder() throws IOException {
        Recording out = new Recording();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        OutputBuffer buffer = OutputBuffer.over(out);
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] piece = new byte[random.nextInt(i % 50 == 0 ? 200_000 : 300)];
            random.nextBytes(piece);
            if (piece.length > 0 && random.nextBoolean()) {
                buffer.write(piece[0]);
                expected.write(piece[0]);
            } else {
                buffer.write(piece);
                expected.write(piece);
            }
        }
        buffer.flush();
        assertArrayEquals(expected.toByteArray(), out.toByteArray());
        assertEquals(1, out.flushes);
    }

    @Test
    void aLargeOutputReachesTheStreamInWritesOfTheLargestBuffer() throws IOException {
        Recording out = new Recording();
        OutputBuffer buffer = OutputBuffer.over(out);
        byte[] line = new byte[100];
        for (int i = 0; i < 10_000; i++) {
            buffer.write(line);
        }
        buffer.drain();
        assertEquals(1_000_000, out.size());
        assertEquals((1_000_000 + OutputBuffer.SIZE - 1) / OutputBuffer.SIZE, out.writes);
    }

    @Test
    void drainingHandsTheBytesOverWithoutAFlush() throws IOException {
        Recording out = new Recording();
        OutputBuffer buffer = OutputBuffer.over(out);
        buffer.write(new byte[] {1, 2, 3});
        buffer.drain();
        assertArrayEquals(new byte[] {1, 2, 3}, out.toByteArray());
        assertEquals(0, out.flushes);
    }
}

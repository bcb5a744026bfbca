package org.tapservice.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** A result stream counts what it passes on and, under a storage quota, stops at the limit. */
class CountingOutputStreamTest {

    @Test
    void everyByteWrittenIsPassedOnAndCounted() throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        try (CountingOutputStream out = new CountingOutputStream(target)) {
            out.write('a');
            out.write("bcdef".getBytes(), 1, 3);

            assertThat(out.count()).isEqualTo(4);
        }
        assertThat(target.toString()).isEqualTo("acde");
    }

    @Test
    void aWriteThatWouldPassTheLimitFailsBeforeAnyOfItsBytesGoOn() throws IOException {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        CountingOutputStream out = new CountingOutputStream(target, OptionalLong.of(5));
        out.write("abcd".getBytes());

        assertThatThrownBy(() -> out.write("ef".getBytes())).isInstanceOfSatisfying(StorageLimitException.class,
                e -> assertThat(e.limit()).isEqualTo(5));
        out.write('e');
        assertThatThrownBy(() -> out.write('f')).isInstanceOf(StorageLimitException.class);

        assertThat(target.toString()).isEqualTo("abcde");
        assertThat(out.count()).isEqualTo(5);
    }

    @Test
    void theLimitIsFoundAmongTheCausesOfTheFailureItCaused() {
        StorageLimitException limit = new StorageLimitException(5);
        IOException wrapped = new IOException("writer failed", new IllegalStateException("row 3", limit));

        assertThat(StorageLimitException.in(wrapped)).containsSame(limit);
        assertThat(StorageLimitException.in(new IOException("disk full"))).isEmpty();
    }
}

package org.tapservice.core.results;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A stream into a temporary file that {@link #close} moves to its target in one atomic rename,
 * replacing any file there. Once a write has failed, or the move does, the temporary file is
 * removed and nothing reaches the target: a result is stored whole or not at all.
 */
final class TemporaryFileOutput extends OutputStream {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path temporary;
    private final Path target;
    private final FileChannel channel;
    private final OutputStream buffered;
    private boolean failed;
    private boolean closed;

    private TemporaryFileOutput(Path temporary, Path target, FileChannel channel) {
        this.temporary = temporary;
        this.target = target;
        this.channel = channel;
        this.buffered = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_SIZE);
    }

    /**
     * Creates the temporary file. Opened with CREATE_NEW rather than made by
     * {@code Files.createTempFile}, whose owner-only permissions would hide the result from
     * instances running under another user on the shared volume.
     */
    static TemporaryFileOutput create(Path temporary, Path target) throws IOException {
        FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new TemporaryFileOutput(temporary, target, channel);
    }

    @Override
    public void write(int b) throws IOException {
        ensureWritable();
        try {
            buffered.write(b);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureWritable();
        try {
            buffered.write(bytes, offset, length);
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        ensureWritable();
        buffered.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (OutputStream out = buffered) {
            if (failed) {
                throw new IOException(target.getFileName() + " was not stored: an earlier write failed");
            }
            out.flush();
            // Forced before the rename: a crash must not leave a result in place whose bytes
            // never reached the disk.
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            discard(e);
            throw e;
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            discard(e);
            throw e;
        }
    }

    private void ensureWritable() throws IOException {
        if (closed) {
            throw new IOException(target.getFileName() + " is closed");
        }
    }

    private void discard(Exception failure) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}

package org.tapservice.core.results;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import org.tapservice.core.uws.JobId;

/**
 * Results as files in a directory that every instance mounts: {@code root/<job id>/<result id>}.
 * A result is written to a temporary file beside it and moved into place when its stream is
 * closed, so a reader never sees a partial result and a rewrite replaces the file in one step.
 * A reader that opened the earlier file reads all of it: a POSIX file system keeps an open
 * file's bytes after it is replaced or deleted. Over NFS that holds for changes made from the
 * same host; a file replaced from another host may instead fail its reader with an
 * IOException. Either way a reader never gets a mix of two versions.
 *
 * <p>Temporary files are named {@code <result id>~<random>.partial}: no result id contains
 * '~', so no result is ever read from one, and they sit in the job's directory so that
 * {@link #delete} removes those that failed writers left behind.
 */
public final class DirectoryResultStore implements ResultStore {

    private final Path root;

    public DirectoryResultStore(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    @Override
    public OutputStream create(JobId job, String resultId) throws IOException {
        ResultKey key = new ResultKey(job, resultId);
        Path directory = Files.createDirectories(jobDirectory(job));
        Path temporary = inside(directory, key.resultId() + "~" + UUID.randomUUID() + ".partial");
        return TemporaryFileOutput.create(temporary, inside(directory, key.resultId()));
    }

    @Override
    public Optional<InputStream> open(JobId job, String resultId) throws IOException {
        ResultKey key = new ResultKey(job, resultId);
        try {
            return Optional.of(Files.newInputStream(inside(jobDirectory(job), key.resultId())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(JobId job) throws IOException {
        requireNonNull(job, "job is null");
        Path directory = jobDirectory(job);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                // deleteIfExists: a writer closing meanwhile moves its temporary file away
                Files.deleteIfExists(entry);
            }
        } catch (NoSuchFileException e) {
            return;
        }
        Files.deleteIfExists(directory);
    }

    private Path jobDirectory(JobId job) {
        return inside(root, job.value());
    }

    /**
     * The entry {@code name} of {@code directory}, and nothing else. Ids are validated before
     * they get here; this is the second line, so that no id can ever reach outside the root.
     */
    private static Path inside(Path directory, String name) {
        Path entry = directory.resolve(name).normalize();
        if (!directory.equals(entry.getParent())) {
            throw new IllegalArgumentException("'" + name + "' is not a file name");
        }
        return entry;
    }
}

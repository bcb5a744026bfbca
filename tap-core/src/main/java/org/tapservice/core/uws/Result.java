package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One entry of a job's results list. The id is a path segment of
 * /{jobs}/{job-id}/results/{id}, hence restricted to characters that need no escaping.
 *
 * @param id       the result's name; a TAP query's table is {@value #MAIN}
 * @param mimeType the media type the result is served with
 * @param size     its length in bytes
 */
public record Result(String id, String mimeType, long size) {

    /** The id TAP 1.1 gives the result of an async query: /{jobs}/{job-id}/results/result. */
    public static final String MAIN = "result";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

    public Result {
        requireNonNull(id, "id is null");
        requireNonNull(mimeType, "mimeType is null");
        if (!isWellFormedId(id)) {
            throw new IllegalArgumentException("a result id must be letters, digits, '.', '-' or '_': '" + id + "'");
        }
        if (mimeType.isBlank()) {
            throw new IllegalArgumentException("result " + id + " needs a MIME type");
        }
        if (size < 0) {
            throw new IllegalArgumentException("result " + id + " has a negative size: " + size);
        }
    }

    /** Whether {@code id} is letters, digits, '.', '-' and '_' only, as every result id must be. */
    public static boolean isWellFormedId(String id) {
        return ID.matcher(id).matches();
    }

    /** The main result of a TAP query. */
    public static Result main(String mimeType, long size) {
        return new Result(MAIN, mimeType, size);
    }
}

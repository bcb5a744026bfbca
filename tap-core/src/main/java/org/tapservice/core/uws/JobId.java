package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.Base64;

import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;

/**
 * A job's identifier: 120 random bits from a {@link SecureRandom}, written as 20 characters
 * of URL-safe base64 ({@code A-Z a-z 0-9 - _}). Random rather than sequential, so that a job
 * URL cannot be guessed from another one and no instance needs a shared counter; URL-safe,
 * so it is a path segment and a Redis key part as it stands.
 *
 * @param value the 20 characters
 */
public record JobId(String value) implements Comparable<JobId> {

    /** The length of every id: 15 random bytes are exactly 20 base64 characters, no padding. */
    public static final int LENGTH = 20;

    private static final int RANDOM_BYTES = 15;
    public JobId {
        requireNonNull(value, "value is null");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("not a job id: " + quoted(value));
        }
    }

    /**
     * A new id. The generator is the caller's (one per application), so this type holds no
     * shared state of its own.
     */
    public static JobId random(SecureRandom random) {
        requireNonNull(random, "random is null");
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new JobId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * The id named by a path segment of /async/{job-id}. Anything that is not an id this
     * service could have issued names no job, so it fails as UWS asks for a job that does not
     * exist (404), before any store is consulted.
     *
     * @throws TapException of kind {@link ErrorKind#NOT_FOUND}
     */
    public static JobId parse(String text) {
        if (text == null || !isWellFormed(text)) {
            throw new TapException(ErrorKind.NOT_FOUND, "no such job: " + quoted(text) + " is not a job id (job ids are "
                    + LENGTH + " characters of A-Z, a-z, 0-9, '-' and '_')");
        }
        return new JobId(text);
    }

    /**
     * Twenty characters of URL-safe base64. Checked by hand: every id read back from a store
     * passes through here, and a regular expression cost more than the rest of building it.
     */
    private static boolean isWellFormed(String text) {
        if (text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean base64Url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64Url) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(JobId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    /** The text, shortened: it comes from a client and is echoed into an error message. */
    private static String quoted(String text) {
        if (text == null) {
            return "null";
        }
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
    }
}

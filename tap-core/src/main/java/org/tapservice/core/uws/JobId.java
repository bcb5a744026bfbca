package org.tapservice.core.uws;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;

/**
 * A job's identifier: 20 characters of URL-safe base64 ({@code A-Z a-z 0-9 - _}), the first
 * two naming the owner's {@linkplain #bucket() bucket} and the other 18 being 108 random bits
 * from a {@link SecureRandom}. Random rather than sequential, so that a job URL cannot be
 * guessed from another one and no instance needs a shared counter; URL-safe, so it is a path
 * segment and a Redis key part as it stands.
 *
 * <p>The bucket lets a store keep every job of one owner beside that owner's quota counters
 * (on Redis Cluster: in one hash slot), so that a phase change and the count it changes are
 * one atomic step. It is a hash of the owner, not the owner: an id still says nothing about
 * who owns the job beyond one of 4096 groups.
 *
 * @param value the 20 characters
 */
public record JobId(String value) implements Comparable<JobId> {

    /** The length of every id: 15 random bytes are exactly 20 base64 characters, no padding. */
    public static final int LENGTH = 20;

    /** The length of the {@linkplain #bucket() bucket} every id starts with. */
    public static final int BUCKET_LENGTH = 2;

    private static final int RANDOM_BYTES = 15;
    private static final Base64.Encoder ENCODING = Base64.getUrlEncoder().withoutPadding();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    public JobId {
        requireNonNull(value, "value is null");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("not a job id: " + quoted(value));
        }
    }

    /** A new id of an anonymous job (see {@link #random(SecureRandom, Optional)}). */
    public static JobId random(SecureRandom random) {
        return random(random, Optional.empty());
    }

    /**
     * A new id for a job of this owner (empty: anonymous), in the owner's bucket. The generator
     * is the caller's (one per application), so this type holds no shared state of its own.
     */
    public static JobId random(SecureRandom random, Optional<String> owner) {
        requireNonNull(random, "random is null");
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String text = ENCODING.encodeToString(bytes);
        return new JobId(bucketOf(owner) + text.substring(BUCKET_LENGTH));
    }

    /**
     * The owner's bucket: two base64 characters (12 bits) of a CRC-32 of the owner's UTF-8
     * bytes, the same on every instance and every JVM; anonymous jobs have a bucket of their own
     * unless an owner happens to share it, which only puts them side by side.
     */
    public static String bucketOf(Optional<String> owner) {
        requireNonNull(owner, "owner is null");
        CRC32 crc = new CRC32();
        // a prefix no owner's bytes can produce alone keeps "anonymous" apart from an owner of that name
        crc.update(owner.isPresent() ? 1 : 0);
        owner.ifPresent(name -> crc.update(name.getBytes(StandardCharsets.UTF_8)));
        int bits = (int) (crc.getValue() & 0xFFF);
        return "" + ALPHABET.charAt(bits >>> 6) + ALPHABET.charAt(bits & 0x3F);
    }

    /**
     * Every bucket there is, 4096 of them: what a store sums its per-bucket counts over without
     * scanning for keys.
     */
    public static List<String> everyBucket() {
        List<String> buckets = new ArrayList<>(ALPHABET.length() * ALPHABET.length());
        for (char first : ALPHABET.toCharArray()) {
            for (char second : ALPHABET.toCharArray()) {
                buckets.add("" + first + second);
            }
        }
        return List.copyOf(buckets);
    }

    /**
     * The first {@value #BUCKET_LENGTH} characters: the bucket of the owner the job was created
     * for ({@link #bucketOf}).
     */
    public String bucket() {
        return value.substring(0, BUCKET_LENGTH);
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

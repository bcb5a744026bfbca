package org.tapservice.state.redis;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Tokens that tell one holder of a lease or lock from every other: 128 random bits from a
 * {@link SecureRandom}, as 22 characters of URL-safe base64. Random, not counted, so that no
 * instance needs a shared counter and a token cannot be guessed from another one.
 */
final class RandomTokens {

    private static final int BYTES = 16;
    private static final Base64.Encoder ENCODING = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();

    String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return ENCODING.encodeToString(bytes);
    }
}

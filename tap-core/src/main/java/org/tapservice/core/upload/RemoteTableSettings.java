package org.tapservice.core.upload;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How uploads given by URL are fetched.
 *
 * @param connectTimeout the longest wait for a connection to the host
 * @param timeout        the longest a whole download may take, redirects included
 * @param maxRedirects   redirects followed, each to a URL checked like the first; 0 follows none
 * @param addresses      which hosts may be fetched from
 */
public record RemoteTableSettings(Duration connectTimeout, Duration timeout, int maxRedirects,
                                  AddressPolicy addresses) {

    public RemoteTableSettings {
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(addresses, "addresses is null");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("upload timeouts must be positive");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects cannot be negative");
        }
    }
}

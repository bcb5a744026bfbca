package org.tapservice.core.upload;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.tapservice.core.TapException;

/**
 * Downloads uploads given by http or https URL into temporary files, before any database work,
 * so that a slow remote host never holds a connection of the archive pool.
 *
 * <p>Every host is resolved and each of its addresses checked against the {@link AddressPolicy}
 * before the request, and again for every redirect, which is followed by hand. The HTTP client
 * then resolves the host itself; the JVM's positive DNS cache (networkaddress.cache.ttl, 30 s
 * unless the operator changed it) gives it the addresses just checked, so a name that changes
 * its answer between the two lookups (DNS rebinding) does not reach an address the check refused.
 * A download is bounded in bytes (the upload limit) and in time (the whole of it, redirects
 * included).
 */
public final class RemoteTableFetcher {

    private final RemoteTableSettings settings;

    public RemoteTableFetcher(RemoteTableSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * @throws TapException (400) when the URL may not be fetched, cannot be, answers anything
     *         but 200, or sends more than {@code maxBytes} or for longer than the timeout
     */
    SpooledTable fetch(String table, URI url, long maxBytes) throws IOException {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try {
            URI current = url;
            for (int redirects = 0; ; redirects++) {
                checkAddresses(table, current);
                Path file = Files.createTempFile("tap-upload-", ".download");
                boolean kept = false;
                try {
                    HttpResponse<Path> response = download(client, table, current, file, maxBytes, deadline);
                    int status = response.statusCode();
                    Optional<String> location = response.headers().firstValue("Location");
                    if (status / 100 == 3 && location.isPresent()) {
                        if (redirects == settings.maxRedirects()) {
                            throw failure(table, url, "it redirects more than " + settings.maxRedirects() + " times");
                        }
                        current = current.resolve(location.get().strip());
                        continue;
                    }
                    if (status != 200) {
                        throw failure(table, current, "the server answered HTTP " + status);
                    }
                    kept = true;
                    return new SpooledTable(file, response.headers().firstValue("Content-Type"));
                } finally {
                    if (!kept) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        } finally {
            client.shutdownNow();
        }
    }

    /** Refuses URLs of other schemes and hosts with any address the policy does not permit. */
    private void checkAddresses(String table, URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            throw failure(table, url, "only http and https URLs with a host are fetched");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            throw failure(table, url, "the host " + url.getHost() + " is unknown");
        }
        for (InetAddress address : addresses) {
            if (!settings.addresses().permits(address)) {
                throw failure(table, url, "the host " + url.getHost() + " has the address "
                        + address.getHostAddress() + ", a loopback, private, link-local or otherwise non-public "
                        + "address this service does not fetch from");
            }
        }
    }

    private HttpResponse<Path> download(HttpClient client, String table, URI url, Path file, long maxBytes,
                                        long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw failure(table, url, tooSlow());
        }
        HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(Duration.ofNanos(left)).build();
        CompletableFuture<HttpResponse<Path>> response = client.sendAsync(request, info -> info.statusCode() == 200
                ? HttpResponse.BodySubscribers.limiting(HttpResponse.BodySubscribers.ofFile(file), maxBytes)
                : HttpResponse.BodySubscribers.replacing(file));
        try {
            return response.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw failure(table, url, tooSlow());
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching upload '" + table + "'");
        } catch (ExecutionException e) {
            throw failure(table, url, reason(e.getCause(), maxBytes));
        }
    }

    private String reason(Throwable failure, long maxBytes) {
        return switch (failure) {
            case HttpConnectTimeoutException e ->
                    "no connection within " + settings.connectTimeout().toSeconds() + " s";
            case HttpTimeoutException e -> tooSlow();
            case ConnectException e -> "the host refuses connections";
            // the message of the JDK's limiting subscriber
            case IOException e when ("body exceeds capacity: " + maxBytes).equals(e.getMessage()) ->
                    "it is larger than this service's upload limit of " + maxBytes + " bytes";
            default -> "the download failed (" + failure.getMessage() + ")";
        };
    }

    private String tooSlow() {
        return "the download took longer than " + settings.timeout().toSeconds() + " s";
    }

    private static TapException failure(String table, URI url, String why) {
        return TapException.invalid("upload '" + table + "' from " + url + " cannot be fetched: " + why);
    }
}

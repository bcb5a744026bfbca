package org.tapservice.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A small HTTP server on the loopback interface that serves tables for uploads by URL: the
 * kind of host a service must not fetch from unless its operator allows it.
 */
public final class TableServer implements AutoCloseable {

    private final HttpServer server;
    private final CountDownLatch closing = new CountDownLatch(1);

    private TableServer(HttpServer server) {
        this.server = server;
    }

    public static TableServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return new TableServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Answers GETs of the path with the body, without a Content-Length: the body is chunked, so
     * that only counting its bytes holds it to a limit.
     */
    public TableServer serve(String path, int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        return this;
    }

    public TableServer redirect(String path, String location) {
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        return this;
    }

    /** Answers the path only when the server closes: a host too slow for any time limit. */
    public TableServer hang(String path) {
        server.createContext(path, exchange -> {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL of a path, with the loopback address as host. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}

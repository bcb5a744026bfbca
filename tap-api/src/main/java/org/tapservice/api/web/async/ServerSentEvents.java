package org.tapservice.api.web.async;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.tapservice.core.async.JobEventStreams;

/**
 * A stream's events written to the response as Server-Sent Events (the WHATWG HTML
 * {@code text/event-stream} format), each flushed at once. Values are one line each (ids,
 * event names, JSON without line breaks), so every field is one line.
 */
final class ServerSentEvents implements JobEventStreams.EventSink {

    static final String MEDIA_TYPE = "text/event-stream";

    private final HttpServletResponse response;
    private OutputStream out;

    ServerSentEvents(HttpServletResponse response) {
        this.response = response;
    }

    @Override
    public void open() throws IOException {
        response.setContentType(MEDIA_TYPE + ";charset=UTF-8");
        // never cached, and never held back by a buffering proxy (nginx honours this header)
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        out = response.getOutputStream();
        response.flushBuffer();
    }

    @Override
    public void event(Optional<String> id, String name, String data) throws IOException {
        StringBuilder event = new StringBuilder();
        id.ifPresent(value -> event.append("id: ").append(value).append('\n'));
        event.append("event: ").append(name).append('\n').append("data: ").append(data).append("\n\n");
        write(event.toString());
    }

    @Override
    public void comment(String text) throws IOException {
        write(": " + text + "\n\n");
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(UTF_8));
        out.flush();
    }
}

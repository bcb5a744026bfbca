package org.tapservice.capacity;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.stream.Collectors;

/** An HTML form's parameters, as the body of a POST to /sync or /async (DALI's form encoding). */
final class Form {

    private Form() {
    }

    static HttpRequest.BodyPublisher of(Map<String, String> parameters) {
        return HttpRequest.BodyPublishers.ofString(parameters.entrySet().stream()
                .map(p -> p.getKey() + "=" + URLEncoder.encode(p.getValue(), UTF_8)).collect(Collectors.joining("&")));
    }
}

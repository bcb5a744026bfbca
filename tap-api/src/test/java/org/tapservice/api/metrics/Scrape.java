package org.tapservice.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One read of an instance's /actuator/prometheus, as Prometheus scrapes it, and the values of
 * its series.
 *
 * @param text the exposition text
 */
public record Scrape(String text) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Scrapes the instance whose base URL (ending with the context path, /tap) this is. */
    public static Scrape of(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("status of /actuator/prometheus").isEqualTo(200);
        return new Scrape(response.body());
    }

    /**
     * The value of the first series of that name whose labels include these (written as in the
     * text, {@code phase="QUEUED"}; empty for any), 0 when there is none yet.
     */
    public double sample(String name, String labels) {
        String selector = labels.isEmpty() ? name + "(\\{[^}]*\\})?"
                : name + "\\{[^}]*" + Pattern.quote(labels) + "[^}]*\\}";
        Matcher matcher = Pattern.compile("(?m)^" + selector + " ([0-9.eE+-]+|NaN)$").matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(matcher.groupCount())) : 0;
    }

    /** Whether a series of that name with these labels is exported at all. */
    public boolean has(String name, String labels) {
        return Pattern.compile("(?m)^" + name + "\\{[^}]*" + Pattern.quote(labels) + "[^}]*\\} ").matcher(text).find();
    }
}

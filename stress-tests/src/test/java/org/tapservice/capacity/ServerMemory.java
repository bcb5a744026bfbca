package org.tapservice.capacity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory of one instance of the service: the heap in use, as its own metrics say
 * ({@code jvm.memory.used}, area heap: live objects and garbage not yet collected), and its
 * resident set from the kernel, now ({@code VmRSS}) and at its largest so far ({@code VmHWM}).
 *
 * @param instanceUrl the instance's base URL, past the load balancer
 * @param pid         its process id on this machine
 */
record ServerMemory(URI instanceUrl, long pid) {

    /** The resident set now and at its peak, in bytes. */
    record Resident(long now, long peak) {
    }

    private static final Pattern MEASUREMENT = Pattern.compile("\"value\"\\s*:\\s*([0-9.Ee+-]+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The heap in use in bytes; empty when the instance does not answer. */
    OptionalDouble heapUsed() {
        return metric(instanceUrl, "jvm.memory.used", "area:heap");
    }

    Resident resident() throws IOException {
        long now = 0;
        long peak = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                now = kilobytes(line) * 1024;
            } else if (line.startsWith("VmHWM:")) {
                peak = kilobytes(line) * 1024;
            }
        }
        return new Resident(now, peak);
    }

    /**
     * One of an instance's metrics (Spring Boot's {@code /actuator/metrics}), narrowed by a
     * {@code name:value} tag: the sum over what it covers (every heap pool, say), or empty
     * when the instance does not answer.
     */
    static OptionalDouble metric(URI instanceUrl, String name, String tag) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(instanceUrl + "/actuator/metrics/" + name + "?tag=" + tag))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher value = MEASUREMENT.matcher(response.body());
            return response.statusCode() == 200 && value.find()
                    ? OptionalDouble.of(Double.parseDouble(value.group(1))) : OptionalDouble.empty();
        } catch (IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    private static long kilobytes(String statusLine) {
        return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
    }
}

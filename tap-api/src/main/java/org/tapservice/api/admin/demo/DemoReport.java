package org.tapservice.api.admin.demo;

import java.time.Duration;

import org.tapservice.api.admin.publish.PublishReport;

/** How long each step of a demo load took. */
public record DemoReport(long rows, Duration copy, Duration index, Duration publish, PublishReport published) {

    public Duration total() {
        return copy.plus(index).plus(publish);
    }

    public String summary() {
        return "demo.stars: %,d rows copied in %s, indexed and analysed in %s, swapped in and published in %s; total %s"
                .formatted(rows, seconds(copy), seconds(index), seconds(publish), seconds(total()));
    }

    private static String seconds(Duration duration) {
        return "%.1f s".formatted(duration.toMillis() / 1000.0);
    }
}

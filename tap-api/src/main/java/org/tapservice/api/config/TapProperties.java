package org.tapservice.api.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's own settings ({@code tap.*}); everything else is Spring Boot's standard
 * properties. Each can be set from the environment, e.g. TAP_ARCHIVE_STATEMENT_TIMEOUT=5m.
 */
@ConfigurationProperties("tap")
public record TapProperties(Archive archive, Maxrec maxrec, Service service,
                            @DefaultValue("30s") Duration catalogRefresh) {

    /**
     * The pool that runs user queries, apart from the pool that keeps state. A query that gets
     * no connection within {@code connectionTimeout} (the database is down, or every connection
     * busy) is answered 503. {@code copyResults} copies large results out of PostgreSQL
     * (binary COPY) instead of fetching them through a cursor (see ExecutionSettings).
     */
    public record Archive(String url, String username, String password,
                          @DefaultValue("16") int maximumPoolSize,
                          @DefaultValue("2") int minimumIdle,
                          @DefaultValue("60s") Duration statementTimeout,
                          @DefaultValue("5000") int fetchSize,
                          @DefaultValue("true") boolean copyResults,
                          @DefaultValue("30s") Duration connectionTimeout) {
    }

    /** MAXREC when a query names none, and the most it may name (TAPRegExt outputLimit). */
    public record Maxrec(@DefaultValue("100000") long defaultValue, @DefaultValue("10000000") long limit) {
    }

    public record Service(@DefaultValue("TAP service") String title,
                          @DefaultValue("An IVOA Table Access Protocol service.") String description) {
    }
}

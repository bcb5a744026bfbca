package org.tapservice.api.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event streams of jobs ({@code tap.uws.events.*}): {@code /async/{id}/events} and
 * {@code /async/events}.
 *
 * @param heartbeat   how often a quiet stream sends a comment (proxies close idle connections,
 *                    often after 60 s) and re-reads a followed job
 * @param maxDuration the longest a stream stays open; the client reconnects after it
 */
@ConfigurationProperties("tap.uws.events")
public record EventsProperties(@DefaultValue("15s") Duration heartbeat,
                               @DefaultValue("30m") Duration maxDuration) {
}

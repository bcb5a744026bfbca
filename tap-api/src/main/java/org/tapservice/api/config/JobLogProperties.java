package org.tapservice.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The job log ({@code tap.uws.log.*}): what each instance did with each job, served at
 * {@code /async/{id}/log}.
 *
 * @param instanceId this instance's name on the lines it writes (letters, digits, {@code . _ : @ -});
 *                   empty for the host name and the process id, which tell the pods of a
 *                   deployment apart
 * @param maxLines   the most lines a job's log keeps, the newest
 */
@ConfigurationProperties("tap.uws.log")
public record JobLogProperties(@DefaultValue("") String instanceId,
                               @DefaultValue("200") int maxLines) {
}

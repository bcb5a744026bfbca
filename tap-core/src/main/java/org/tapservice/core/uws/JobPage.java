package org.tapservice.core.uws;

import java.util.List;

/**
 * The jobs a {@link JobFilter} selected, in {@link JobRef#NEWEST_FIRST} order.
 */
public record JobPage(List<JobRef> jobs) {

    public JobPage {
        jobs = List.copyOf(jobs);
    }
}

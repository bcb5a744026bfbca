package org.tapservice.state.archive;

import java.util.Collection;
import java.util.List;

import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobId;

/**
 * What one archive transaction writes ({@link PostgresJobStore#writeLocked}): jobs saved whole
 * and jobs removed.
 *
 * @param save   jobs to insert or overwrite, each with its parameters and results
 * @param remove ids of jobs to forget; ids the archive does not hold are ignored
 */
public record ArchiveWrites(List<Job> save, List<JobId> remove) {

    public ArchiveWrites(Collection<Job> save, Collection<JobId> remove) {
        this(List.copyOf(save), List.copyOf(remove));
    }
}

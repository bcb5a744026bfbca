package org.tapservice.state.archive;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobLogEntry;

/**
 * What one archive transaction writes ({@link PostgresJobStore#writeLocked}): jobs saved whole
 * and jobs removed.
 *
 * @param save   jobs to insert or overwrite, each with its parameters and results
 * @param remove ids of jobs to forget; ids the archive does not hold are ignored
 * @param logs   the logs of saved jobs, each replacing the one archived; a saved job not named
 *               here keeps its archived log
 */
public record ArchiveWrites(List<Job> save, List<JobId> remove, Map<JobId, List<JobLogEntry>> logs) {

    public ArchiveWrites {
        save = List.copyOf(save);
        remove = List.copyOf(remove);
        logs = Map.copyOf(logs);
    }

    public ArchiveWrites(Collection<Job> save, Collection<JobId> remove) {
        this(List.copyOf(save), List.copyOf(remove), Map.of());
    }
}

package org.tapservice.core.quota;

import static java.util.Objects.requireNonNull;

import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.Job;

/** What a PHASE=RUN under a quota did ({@link QuotaLedger#queue}). */
public sealed interface Admission {

    /** The job is QUEUED and counted; this is the job as stored afterwards. */
    record Queued(Job job) implements Admission {
        public Queued {
            requireNonNull(job, "job is null");
        }
    }

    /** The job was in no phase RUN moves (queued, running or finished already); nothing changed. */
    record NotRunnable(ExecutionPhase current) implements Admission {
        public NotRunnable {
            requireNonNull(current, "current is null");
        }
    }

    /** The owner is at a limit; the job stays as it was. */
    record OverQuota(QuotaExceeded exceeded) implements Admission {
        public OverQuota {
            requireNonNull(exceeded, "exceeded is null");
        }
    }

    /** There is no such job. */
    record NotFound() implements Admission {
    }
}

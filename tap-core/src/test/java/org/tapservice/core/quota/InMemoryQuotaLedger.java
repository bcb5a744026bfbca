package org.tapservice.core.quota;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import org.tapservice.core.uws.ExecutionPhase;
import org.tapservice.core.uws.InMemoryJobStore;
import org.tapservice.core.uws.Job;
import org.tapservice.core.uws.JobChange;
import org.tapservice.core.uws.JobFilter;
import org.tapservice.core.uws.JobId;
import org.tapservice.core.uws.JobRef;
import org.tapservice.core.uws.OwnerFilter;
import org.tapservice.core.uws.PhaseTransitions;
import org.tapservice.core.uws.TransitionResult;

/**
 * The reference {@link QuotaLedger} for tap-core's own tests, over an {@link InMemoryJobStore}:
 * it counts by reading the store each time, under its own lock, so its figures are the jobs'
 * phases by definition. It limits queued jobs and stored bytes at RUN; executing jobs and the
 * sync rate are the Redis ledger's and queue's to limit, and are tested there.
 */
public final class InMemoryQuotaLedger implements QuotaLedger {

    private final InMemoryJobStore store;

    public InMemoryQuotaLedger(InMemoryJobStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public synchronized Admission queue(JobId id, Quota quota) {
        Optional<Job> job = store.find(id);
        if (job.isEmpty()) {
            return new Admission.NotFound();
        }
        QuotaUsage usage = usage(job.get().owner());
        if (quota.queuedJobs().isPresent() && usage.queuedJobs() >= quota.queuedJobs().getAsInt()) {
            return new Admission.OverQuota(new QuotaExceeded(QuotaExceeded.Kind.QUEUED_JOBS,
                    quota.queuedJobs().getAsInt(), usage.queuedJobs()));
        }
        if (quota.storedBytes().isPresent() && usage.storedBytes() >= quota.storedBytes().getAsLong()) {
            return new Admission.OverQuota(new QuotaExceeded(QuotaExceeded.Kind.STORED_BYTES,
                    quota.storedBytes().getAsLong(), usage.storedBytes()));
        }
        return switch (store.transition(id, PhaseTransitions.sources(ExecutionPhase.QUEUED), ExecutionPhase.QUEUED,
                JobChange.none())) {
            case TransitionResult.Applied(Job queued) -> new Admission.Queued(queued);
            case TransitionResult.Refused(ExecutionPhase current) -> new Admission.NotRunnable(current);
            case TransitionResult.NotFound() -> new Admission.NotFound();
        };
    }

    @Override
    public synchronized QuotaUsage usage(Optional<String> owner) {
        OwnerFilter filter = owner.<OwnerFilter>map(OwnerFilter.Owner::new).orElse(new OwnerFilter.Anonymous());
        long queued = 0;
        long executing = 0;
        long bytes = 0;
        for (JobRef ref : store.list(JobFilter.all().withOwner(filter)).jobs()) {
            Job job = store.find(ref.id()).orElseThrow();
            queued += job.phase() == ExecutionPhase.QUEUED ? 1 : 0;
            executing += job.phase() == ExecutionPhase.EXECUTING ? 1 : 0;
            bytes += job.results().stream().mapToLong(result -> result.size()).sum();
        }
        return new QuotaUsage(queued, executing, bytes, OptionalLong.empty());
    }

    @Override
    public Optional<Duration> takeSyncRequest(Optional<String> owner, RequestRate rate) {
        return Optional.empty();
    }
}

package org.tapservice.core.results;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.tapservice.core.uws.JobId;

/**
 * The reference {@link ConversionStates}, for instances sharing one JVM: per conversion its
 * mark and the time the mark lapses, on the clock given.
 */
public final class InMemoryConversionStates implements ConversionStates {

    private record Mark(ConversionState state, String token, Instant until) {
    }

    private final Clock clock;
    private final Map<ResultKey, Mark> marks = new HashMap<>();

    public InMemoryConversionStates(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public synchronized ConversionClaim claim(JobId job, String resultId, String converter, Duration leaseTime) {
        ResultKey key = new ResultKey(job, resultId);
        Mark mark = live(key);
        if (mark != null) {
            return new ConversionClaim.Taken(mark.state());
        }
        Instant now = clock.instant();
        String token = UUID.randomUUID().toString();
        marks.put(key, new Mark(new ConversionState.Converting(converter, now), token, now.plus(leaseTime)));
        return new ConversionClaim.Granted(new ConversionLease(job, resultId, token));
    }

    @Override
    public synchronized boolean renew(ConversionLease lease, Duration leaseTime) {
        ResultKey key = new ResultKey(lease.job(), lease.resultId());
        Mark mark = held(lease);
        if (mark == null) {
            return false;
        }
        marks.put(key, new Mark(mark.state(), mark.token(), clock.instant().plus(leaseTime)));
        return true;
    }

    @Override
    public synchronized boolean finish(ConversionLease lease, long size, Instant keepUntil) {
        if (held(lease) == null) {
            return false;
        }
        marks.put(new ResultKey(lease.job(), lease.resultId()),
                new Mark(new ConversionState.Stored(size), null, keepUntil));
        return true;
    }

    @Override
    public synchronized void release(ConversionLease lease) {
        if (held(lease) != null) {
            marks.remove(new ResultKey(lease.job(), lease.resultId()));
        }
    }

    @Override
    public synchronized Map<String, ConversionState> states(JobId job, List<String> resultIds) {
        Map<String, ConversionState> states = new LinkedHashMap<>();
        for (String id : resultIds) {
            Mark mark = live(new ResultKey(job, id));
            if (mark != null) {
                states.put(id, mark.state());
            }
        }
        return states;
    }

    private Mark live(ResultKey key) {
        Mark mark = marks.get(key);
        return mark != null && mark.until().isAfter(clock.instant()) ? mark : null;
    }

    private Mark held(ConversionLease lease) {
        Mark mark = live(new ResultKey(lease.job(), lease.resultId()));
        return mark != null && lease.token().equals(mark.token()) ? mark : null;
    }
}

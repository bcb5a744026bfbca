package org.tapservice.stress;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the quota users were answered, counted while {@link QuotaUsersSimulation} runs and
 * printed as one line at its end, which the build's test reads back from Gatling's output.
 * Gatling reports requests by name and outcome; accepted and refused are both a request's
 * expected outcome, so they are counted here.
 */
final class QuotaOutcomes {

    /**
     * The counts at one moment.
     *
     * @param jobsAccepted  creations with PHASE=RUN answered 303
     * @param jobsCompleted accepted jobs followed to COMPLETED and their result fetched
     * @param jobsRefused   creations refused (429) by the queued-jobs quota
     * @param syncAnswered  sync queries answered with their rows
     * @param syncRefused   sync queries refused (429) by the sync rate
     */
    record Summary(long jobsAccepted, long jobsCompleted, long jobsRefused, long syncAnswered, long syncRefused) {

        private static final Pattern LINE = Pattern.compile("quota users: jobs (\\d+) accepted \\((\\d+) completed\\),"
                + " (\\d+) refused; sync queries (\\d+) answered, (\\d+) refused");

        String line() {
            return "quota users: jobs %d accepted (%d completed), %d refused; sync queries %d answered, %d refused"
                    .formatted(jobsAccepted, jobsCompleted, jobsRefused, syncAnswered, syncRefused);
        }

        /** The summary a run printed, if it got that far. */
        static Optional<Summary> in(String output) {
            Matcher line = LINE.matcher(output);
            Summary last = null;
            while (line.find()) {
                last = new Summary(Long.parseLong(line.group(1)), Long.parseLong(line.group(2)),
                        Long.parseLong(line.group(3)), Long.parseLong(line.group(4)), Long.parseLong(line.group(5)));
            }
            return Optional.ofNullable(last);
        }
    }

    private final AtomicLong jobsAccepted = new AtomicLong();
    private final AtomicLong jobsCompleted = new AtomicLong();
    private final AtomicLong jobsRefused = new AtomicLong();
    private final AtomicLong syncAnswered = new AtomicLong();
    private final AtomicLong syncRefused = new AtomicLong();

    void job(boolean accepted) {
        (accepted ? jobsAccepted : jobsRefused).incrementAndGet();
    }

    void jobCompleted() {
        jobsCompleted.incrementAndGet();
    }

    void sync(boolean answered) {
        (answered ? syncAnswered : syncRefused).incrementAndGet();
    }

    Summary summary() {
        return new Summary(jobsAccepted.get(), jobsCompleted.get(), jobsRefused.get(), syncAnswered.get(),
                syncRefused.get());
    }
}

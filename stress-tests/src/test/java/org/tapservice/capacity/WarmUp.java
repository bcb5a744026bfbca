package org.tapservice.capacity;

import java.util.List;
import java.util.Locale;

/**
 * When a JVM service is warm: its rate under a steady load stops climbing as the JIT compiler
 * finishes (on two loaded cores that takes a minute or more, the compiler's threads sharing the
 * cores with the load, and the rate can pause on its way up). Rounds of equal length run until
 * the last few agree within a tolerance, after a least number of rounds and up to a most.
 *
 * @param roundSeconds how long each round runs
 * @param minRounds    rounds run whatever their rates
 * @param maxRounds    rounds after which the service counts as warm anyway
 * @param steadyRounds how many of the last rounds must agree
 * @param tolerance    the largest relative difference between those rounds' rates
 */
record WarmUp(int roundSeconds, int minRounds, int maxRounds, int steadyRounds, double tolerance) {

    /**
     * 10 s rounds, a minute at least, 2.5 minutes at most, the last three within 5%. Seen here:
     * 1,100, 1,900, 3,200, 4,300, 4,500 q/s, and then 5,200: two rounds alike were a pause.
     */
    static final WarmUp CONES = new WarmUp(10, 6, 15, 3, 0.05);

    /**
     * Small async jobs: 5 s rounds (as many jobs as the target's rate does in that time), half a
     * minute at least, a minute at most, the last three within 10% (a round of jobs moves more
     * than one of cones). Seen here: after a thousand jobs at 4 clients, 68 jobs/s, where the
     * same clients at 8 did 115 a minute later.
     */
    static final WarmUp JOBS = new WarmUp(5, 6, 12, 3, 0.10);

    WarmUp {
        if (roundSeconds < 1 || steadyRounds < 2 || minRounds < steadyRounds || maxRounds < minRounds || tolerance <= 0) {
            throw new IllegalArgumentException("bad warm-up: " + roundSeconds + " s, " + minRounds + ".." + maxRounds
                    + " rounds, " + steadyRounds + " steady within " + tolerance);
        }
    }

    /** Whether the rates of the rounds run so far show a warm service, or the rounds are used up. */
    boolean done(List<Double> rates) {
        if (rates.size() >= maxRounds) {
            return true;
        }
        if (rates.size() < minRounds) {
            return false;
        }
        List<Double> last = rates.subList(rates.size() - steadyRounds, rates.size());
        double lowest = last.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double highest = last.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return highest - lowest <= tolerance * highest;
    }

    /** The rates of the rounds run, as the report and the log show them: {@code [1105, 1953, ...]}. */
    static String rounds(List<Double> rates) {
        return rates.stream().map(rate -> String.format(Locale.ROOT, "%.0f", rate)).toList().toString();
    }
}

package org.tapservice.capacity;

import java.util.List;

/**
 * When a JVM service is warm: its rate under a steady load stops climbing as the JIT compiler
 * finishes (on two loaded cores that takes a minute or more, the compiler's threads sharing the
 * cores with the load). Rounds of equal length run until two in a row agree within a tolerance,
 * after a least number of rounds and up to a most.
 *
 * @param roundSeconds how long each round runs
 * @param minRounds    rounds run whatever their rates
 * @param maxRounds    rounds after which the service counts as warm anyway
 * @param tolerance    the largest relative difference between the last two rounds' rates
 */
record WarmUp(int roundSeconds, int minRounds, int maxRounds, double tolerance) {

    /** 10 s rounds, 30 s at least, 2 minutes at most, the last two within 5%. */
    static final WarmUp CONES = new WarmUp(10, 3, 12, 0.05);

    WarmUp {
        if (roundSeconds < 1 || minRounds < 2 || maxRounds < minRounds || tolerance <= 0) {
            throw new IllegalArgumentException("bad warm-up: " + roundSeconds + " s, " + minRounds + ".." + maxRounds
                    + " rounds, tolerance " + tolerance);
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
        double last = rates.getLast();
        double before = rates.get(rates.size() - 2);
        return Math.abs(last - before) <= tolerance * Math.max(last, before);
    }
}

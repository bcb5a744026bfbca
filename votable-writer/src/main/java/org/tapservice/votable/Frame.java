package org.tapservice.votable;

import java.util.Objects;

/**
 * The reference frame a column's values are given in, written as the VOTable 1.4 COOSYS or
 * TIMESYS element its FIELD refers to. Columns without one (most) have a null frame.
 */
public sealed interface Frame {

    /** Positions in the International Celestial Reference System, as ADQL geometry here is. */
    Frame ICRS = new Coordinates("ICRS", null);

    /**
     * DALI timestamps: UTC (DALI 1.1 section 3.3.3) as observed on Earth. VOTable requires a
     * reference position; TOPOCENTER is what UTC times without further statement mean.
     */
    Frame UTC = new Time("UTC", "TOPOCENTER");

    /**
     * A COOSYS.
     *
     * @param epoch  the epoch of the positions, e.g. {@code J2016.0}; null if not stated
     */
    record Coordinates(String system, String epoch) implements Frame {

        public Coordinates {
            Objects.requireNonNull(system, "system is null");
        }
    }

    /** A TIMESYS for times given as ISO 8601 strings, which need no time origin. */
    record Time(String timescale, String refposition) implements Frame {

        public Time {
            Objects.requireNonNull(timescale, "timescale is null");
            Objects.requireNonNull(refposition, "refposition is null");
        }
    }
}

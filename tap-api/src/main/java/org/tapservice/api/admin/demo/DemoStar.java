package org.tapservice.api.admin.demo;

import java.io.IOException;
import java.time.LocalDateTime;

/**
 * One synthetic star of demo.stars, a pure function of its source_id: the same row count
 * always gives the same table, byte for byte, on any machine (StrictMath, no shared random
 * state), and a smaller catalogue is a prefix of a larger one.
 */
record DemoStar(long sourceId, double ra, double dec, double pmra, double pmdec, Double parallax,
        float photGMeanMag, Float bpRp, String spectralType, LocalDateTime obsTime, short qualityFlag) {

    /** The columns, in table order; {@link #write} writes them in the same order. */
    static final String COLUMNS_DDL = """
            source_id bigint NOT NULL,
            designation varchar(32) NOT NULL,
            ra double precision NOT NULL,
            dec double precision NOT NULL,
            pmra double precision NOT NULL,
            pmdec double precision NOT NULL,
            parallax double precision,
            phot_g_mean_mag real NOT NULL,
            bp_rp real,
            spectral_type varchar(8) NOT NULL,
            obs_time timestamp NOT NULL,
            quality_flag smallint NOT NULL
            """;

    private static final int FIELDS = 12;
    /**
     * What a designation is its source_id after, as Gaia's "Gaia DR3 n": text, which is what
     * DataLink identifiers are (links are published for designations; see DemoLinks).
     */
    static final String DESIGNATION_PREFIX = "Demo ";
    private static final String CLASSES = "OBAFGKM";
    private static final LocalDateTime MISSION_START = LocalDateTime.of(2014, 7, 25, 10, 30);
    private static final long MISSION_SECONDS = 5L * 365 * 86_400;

    static DemoStar generate(long sourceId) {
        var random = new Draws(sourceId);
        double ra = 360 * random.next();
        // uniform on the sphere: sin(dec) is uniform in [-1, 1]
        double dec = Math.toDegrees(StrictMath.asin(2 * random.next() - 1));
        // Box-Muller: a 2-D normal proper motion around a small mean drift
        double radius = 6 * StrictMath.sqrt(-2 * StrictMath.log(1 - random.next()));
        double angle = 2 * StrictMath.PI * random.next();
        double pmra = -2 + radius * StrictMath.cos(angle);
        double pmdec = -4 + radius * StrictMath.sin(angle);
        Double parallax = random.next() < 0.1 ? null : 0.02 + 3 * StrictMath.pow(random.next(), 3);
        // cube root: faint stars outnumber bright ones, as in a magnitude-limited survey
        float gMag = (float) (6 + 15 * StrictMath.cbrt(random.next()));
        Float bpRp = random.next() < 0.05 ? null : (float) (0.2 + 2.8 * StrictMath.pow(random.next(), 2));
        String spectralType = CLASSES.charAt((int) (CLASSES.length() * StrictMath.sqrt(random.next())))
                + String.valueOf((int) (10 * random.next())) + (random.next() < 0.9 ? "V" : "III");
        LocalDateTime obsTime = MISSION_START.plusSeconds((long) (MISSION_SECONDS * random.next()));
        short flag = (short) (4 * StrictMath.pow(random.next(), 2));
        return new DemoStar(sourceId, ra, dec, pmra, pmdec, parallax, gMag, bpRp, spectralType, obsTime, flag);
    }

    void write(BinaryCopyWriter out) throws IOException {
        out.startRow(FIELDS);
        out.writeLong(sourceId);
        out.writeText(DESIGNATION_PREFIX + sourceId);
        out.writeDouble(ra);
        out.writeDouble(dec);
        out.writeDouble(pmra);
        out.writeDouble(pmdec);
        if (parallax == null) {
            out.writeNull();
        } else {
            out.writeDouble(parallax);
        }
        out.writeFloat(photGMeanMag);
        if (bpRp == null) {
            out.writeNull();
        } else {
            out.writeFloat(bpRp);
        }
        out.writeText(spectralType);
        out.writeTimestamp(obsTime);
        out.writeShort(qualityFlag);
    }

    /**
     * Uniform doubles in [0, 1) from a counter-based generator (SplitMix64's mixing function
     * over the row and a draw counter), so every row's draws are independent of every other row.
     */
    private static final class Draws {
        private final long seed;
        private long draw;

        Draws(long row) {
            this.seed = row * 0x9E3779B97F4A7C15L;
        }

        double next() {
            long z = seed + ++draw * 0xD1B54A32D192ED03L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            return (z >>> 11) * 0x1.0p-53;
        }
    }
}

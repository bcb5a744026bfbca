package org.tapservice.obscore.derive;

import java.util.Optional;

/** The polarisation states of the FITS STOKES axis codes (WCS paper I, table 7), named as ObsCore lists them. */
final class StokesState {

    private static final String[] POSITIVE = {"I", "Q", "U", "V"};
    private static final String[] NEGATIVE = {"RR", "LL", "RL", "LR", "XX", "YY", "XY", "YX"};

    private StokesState() {
    }

    static Optional<String> of(int code) {
        if (code >= 1 && code <= 4) {
            return Optional.of(POSITIVE[code - 1]);
        }
        if (code <= -1 && code >= -8) {
            return Optional.of(NEGATIVE[-code - 1]);
        }
        return Optional.empty();
    }
}

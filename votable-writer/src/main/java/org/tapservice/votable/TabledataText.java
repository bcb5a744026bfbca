package org.tapservice.votable;

import java.lang.reflect.Array;

/**
 * A cell value as VOTable TABLEDATA text, which DALI section 3 and TAP 1.1 section 4 prescribe
 * for values in CSV and TSV too: arrays are space-separated elements (so a DALI polygon reads
 * the same in every format), booleans T/F, infinities +Inf/-Inf, null empty. STIL's own
 * TABLEDATA encoders are not public, and its display form "(1.5, -2.25)" is not DALI's.
 */
final class TabledataText {

    private TabledataText() {
    }

    static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (!value.getClass().isArray()) {
            return scalar(value);
        }
        StringBuilder text = new StringBuilder();
        int length = Array.getLength(value);
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(scalar(Array.get(value, i)));
        }
        return text.toString();
    }

    private static String scalar(Object value) {
        return switch (value) {
            case Boolean b -> b ? "T" : "F";
            case Double d when d.isInfinite() -> d > 0 ? "+Inf" : "-Inf";
            case Float f when f.isInfinite() -> f > 0 ? "+Inf" : "-Inf";
            default -> value.toString();
        };
    }
}

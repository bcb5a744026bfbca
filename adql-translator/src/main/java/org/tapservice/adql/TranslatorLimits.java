package org.tapservice.adql;

/**
 * Bounds that keep a hostile query from costing more than a small, predictable amount of
 * work: its length in characters, and how deeply parentheses may nest in it.
 */
public record TranslatorLimits(int maxQueryLength, int maxNestingDepth) {

    public TranslatorLimits {
        if (maxQueryLength < 1 || maxNestingDepth < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static TranslatorLimits defaults() {
        return new TranslatorLimits(100_000, 200);
    }
}

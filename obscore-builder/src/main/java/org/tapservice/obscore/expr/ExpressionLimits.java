package org.tapservice.obscore.expr;

/**
 * What one expression may cost. The grammar has no loops and no recursion, so a tree's size
 * already bounds its evaluation; these limits make that bound small and explicit, whatever a
 * mapping file written by a stranger contains: text length, nesting depth, nodes evaluated, and
 * the length of any string built along the way.
 */
public record ExpressionLimits(int maxLength, int maxDepth, int maxSteps, int maxStringLength) {

    public static final ExpressionLimits DEFAULT = new ExpressionLimits(2_000, 32, 10_000, 4_096);

    public ExpressionLimits {
        if (maxLength <= 0 || maxDepth <= 0 || maxSteps <= 0 || maxStringLength <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}

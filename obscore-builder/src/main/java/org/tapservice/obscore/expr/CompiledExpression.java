package org.tapservice.obscore.expr;

import static java.util.Objects.requireNonNull;

import org.tapservice.obscore.fits.FitsHeader;

/** An expression parsed once (so a bad one is refused when the mapping is read) and evaluated per file. */
public record CompiledExpression(String text, Expression tree, ExpressionLimits limits) {

    public CompiledExpression {
        requireNonNull(text, "text is null");
        requireNonNull(tree, "tree is null");
        requireNonNull(limits, "limits is null");
    }

    public static CompiledExpression compile(String text, ExpressionLimits limits) {
        return new CompiledExpression(text, new ExpressionParser(limits).parse(text), limits);
    }

    /** The value for this header: String, Double, Boolean or null. */
    public Object evaluate(FitsHeader header) {
        return new Evaluation(header, limits).evaluate(tree);
    }
}

package org.tapservice.adql.tree;

import org.tapservice.adql.catalog.Identifier;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A call of a built-in ADQL function (ABS, POINT, CONTAINS, LOWER, COALESCE...) or of a
 * user-defined one; which it is, and whether the arguments fit, is the analyzer's business.
 */
public record FunctionCall(Identifier name, List<Expression> arguments, NodeLocation location) implements Expression {

    public FunctionCall {
        requireNonNull(name, "name is null");
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        requireNonNull(location, "location is null");
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitFunctionCall(this, context);
    }
}

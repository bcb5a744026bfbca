package org.tapservice.adql.check;

import java.util.List;

/**
 * Where an expression is analyzed: the clause (for aggregate rules), the columns it can
 * see, and for GROUP BY the select list's aliases, which may be grouped by name.
 */
record ExpressionContext(Clause clause, Scope scope, Environment environment, boolean insideAggregate,
                         List<Output> outputAliases) {

    ExpressionContext {
        outputAliases = List.copyOf(outputAliases);
    }

    static ExpressionContext of(Clause clause, Scope scope, Environment environment) {
        return new ExpressionContext(clause, scope, environment, false, List.of());
    }

    ExpressionContext enterAggregate() {
        return new ExpressionContext(clause, scope, environment, true, outputAliases);
    }

    ExpressionContext withOutputAliases(List<Output> outputs) {
        return new ExpressionContext(clause, scope, environment, insideAggregate, outputs);
    }
}

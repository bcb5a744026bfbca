package org.tapservice.adql.check;

import org.tapservice.adql.tree.Aggregate;
import org.tapservice.adql.tree.Expression;
import org.tapservice.adql.tree.FunctionCall;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Names the output columns of one SELECT so that each can be asked for by name: clients
 * such as TOPCAT key columns by name, so two columns called {@code ra} would be one too
 * many. Names differing only in case count as the same.
 */
final class OutputNames {

    private final Set<String> taken = new HashSet<>();

    String unique(String name) {
        String candidate = name;
        for (int suffix = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); suffix++) {
            candidate = name + "_" + suffix;
        }
        return candidate;
    }

    /** A readable name for an unnamed computed column: the function's name, else its position. */
    static String generated(Expression expression, int position) {
        return switch (expression) {
            case FunctionCall call -> call.name().text().toLowerCase(Locale.ROOT);
            case Aggregate aggregate -> aggregate.function().name().toLowerCase(Locale.ROOT);
            default -> "col" + position;
        };
    }
}

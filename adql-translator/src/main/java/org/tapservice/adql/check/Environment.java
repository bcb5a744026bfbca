package org.tapservice.adql.check;

import org.tapservice.adql.catalog.Identifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a query is analyzed inside of: the scope of the query enclosing it (for
 * correlated references) and the common table expressions of the WITH clauses around it.
 */
record Environment(Optional<Scope> outer, List<CommonTable> commonTables) {

    record CommonTable(Identifier name, List<Output> outputs) {
        CommonTable {
            outputs = List.copyOf(outputs);
        }
    }

    Environment {
        commonTables = List.copyOf(commonTables);
    }

    static Environment empty() {
        return new Environment(Optional.empty(), List.of());
    }

    Environment nestedIn(Scope scope) {
        return new Environment(Optional.of(scope), commonTables);
    }

    Environment with(CommonTable table) {
        List<CommonTable> tables = new ArrayList<>(commonTables);
        tables.add(table);
        return new Environment(outer, tables);
    }

    /** The innermost common table expression of that name: it hides catalogue tables and outer ones. */
    Optional<CommonTable> commonTable(Identifier name) {
        return commonTables.reversed().stream().filter(table -> table.name().matches(name)).findFirst();
    }
}

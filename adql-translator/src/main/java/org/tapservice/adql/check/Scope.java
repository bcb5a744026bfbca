package org.tapservice.adql.check;

import org.tapservice.adql.AdqlException;
import org.tapservice.adql.ErrorCode;
import org.tapservice.adql.check.ColumnBinding.RelationColumn;
import org.tapservice.adql.catalog.Identifier;
import org.tapservice.adql.tree.ColumnReference;
import org.tapservice.adql.tree.NodeLocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The relations of one FROM clause as the expressions of its SELECT see them, inside
 * the scope of the query it is nested in (for correlated subqueries).
 *
 * @param entries relations reachable by a qualifier ({@code t.ra})
 * @param visible columns reachable without one, in {@code SELECT *} order: the merged
 *                column of a USING or NATURAL join appears once, unqualified
 */
record Scope(List<RelationEntry> entries, List<RelationColumn> visible, Optional<Scope> outer) {

    Scope {
        entries = List.copyOf(entries);
        visible = List.copyOf(visible);
    }

    /** A column found by name, in this query's FROM clause or in an enclosing query's. */
    record Resolution(RelationColumn column, boolean outer) {
    }

    /** The column a reference names, searching enclosing queries outwards; empty if none has it. */
    Optional<Resolution> find(ColumnReference reference) {
        boolean outer = false;
        for (Optional<Scope> scope = Optional.of(this); scope.isPresent(); scope = scope.get().outer, outer = true) {
            List<RelationColumn> matches = scope.get().matchesHere(reference);
            if (matches.size() > 1) {
                throw new AdqlException(ErrorCode.AMBIGUOUS_COLUMN, reference.location(),
                        "Column '" + reference.displayName() + "' is ambiguous: qualify it with a table name or alias");
            }
            if (matches.size() == 1) {
                return Optional.of(new Resolution(matches.getFirst(), outer));
            }
        }
        return Optional.empty();
    }

    boolean knowsQualifier(List<Identifier> qualifier) {
        return entries.stream().anyMatch(entry -> entry.naming().matches(qualifier))
                || outer.map(scope -> scope.knowsQualifier(qualifier)).orElse(false);
    }

    /** The columns {@code qualifier.*} stands for (all visible columns for a bare {@code *}). */
    List<RelationColumn> expand(List<Identifier> qualifier, NodeLocation location) {
        if (qualifier.isEmpty()) {
            return visible;
        }
        List<RelationEntry> matching = entries.stream().filter(entry -> entry.naming().matches(qualifier)).toList();
        String name = String.join(".", qualifier.stream().map(Identifier::text).toList());
        if (matching.isEmpty()) {
            throw new AdqlException(ErrorCode.UNKNOWN_TABLE, location, "'" + name + ".*': nothing in the FROM clause is called '" + name + "'");
        }
        if (matching.size() > 1) {
            throw new AdqlException(ErrorCode.AMBIGUOUS_TABLE, location, "'" + name + ".*' is ambiguous: give the tables aliases");
        }
        return matching.getFirst().columns();
    }

    // Loops rather than streams: this runs for every column reference, and the stream
    // pipelines cost more than the few comparisons they make (it showed in profiles).
    private List<RelationColumn> matchesHere(ColumnReference reference) {
        if (reference.qualifier().isEmpty()) {
            return matching(visible, reference.name(), List.of());
        }
        List<RelationColumn> matches = List.of();
        for (RelationEntry entry : entries) {
            if (entry.naming().matches(reference.qualifier())) {
                matches = matching(entry.columns(), reference.name(), matches);
            }
        }
        return matches;
    }

    /** {@code found}, then those of {@code columns} called {@code name}. */
    private static List<RelationColumn> matching(List<RelationColumn> columns, Identifier name,
                                                 List<RelationColumn> found) {
        List<RelationColumn> matches = found;
        for (RelationColumn column : columns) {
            if (name.matches(column.name())) {
                if (matches.isEmpty()) {
                    matches = List.of(column);
                }
                else {
                    matches = new ArrayList<>(matches);
                    matches.add(column);
                }
            }
        }
        return matches;
    }
}

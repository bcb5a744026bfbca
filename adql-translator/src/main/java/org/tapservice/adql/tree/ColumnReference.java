package org.tapservice.adql.tree;

import org.tapservice.adql.catalog.Identifier;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code [[[catalog.]schema.]table.]column}; the qualifier is empty for a bare column name. */
public record ColumnReference(List<Identifier> qualifier, Identifier name, NodeLocation location) implements Expression {

    public ColumnReference {
        qualifier = List.copyOf(requireNonNull(qualifier, "qualifier is null"));
        requireNonNull(name, "name is null");
        requireNonNull(location, "location is null");
    }

    /** The reference as written, e.g. {@code t.ra}, for messages. */
    public String displayName() {
        StringBuilder text = new StringBuilder();
        for (Identifier part : qualifier) {
            text.append(part.text()).append('.');
        }
        return text.append(name.text()).toString();
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitColumnReference(this, context);
    }
}

package org.tapservice.adql.tree;

import org.tapservice.adql.catalog.Identifier;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A table named {@code [[catalog.]schema.]table}. */
public record Table(List<Identifier> name, NodeLocation location) implements Relation {

    public Table {
        name = List.copyOf(requireNonNull(name, "name is null"));
        requireNonNull(location, "location is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a table name has at least one part");
        }
    }

    public Identifier tableName() {
        return name.getLast();
    }

    /** The name as written, e.g. {@code demo.stars}, for messages. */
    public String displayName() {
        return String.join(".", name.stream().map(Identifier::text).toList());
    }

    @Override
    public <R, C> R accept(AstVisitor<R, C> visitor, C context) {
        return visitor.visitTable(this, context);
    }
}

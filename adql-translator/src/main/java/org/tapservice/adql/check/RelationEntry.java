package org.tapservice.adql.check;

import org.tapservice.adql.catalog.CatalogTable;
import org.tapservice.adql.catalog.Identifier;

import java.util.List;

/** One named relation of a FROM clause: what qualifiers reach it, and its columns. */
record RelationEntry(Naming naming, List<ColumnBinding.RelationColumn> columns) {

    RelationEntry {
        columns = List.copyOf(columns);
    }

    /** How a qualifier such as {@code t} or {@code demo.t} in {@code t.ra} finds this relation. */
    sealed interface Naming {

        boolean matches(List<Identifier> qualifier);

        /** The one-part name the relation goes by, for duplicate checks. */
        String simpleName();

        record Alias(Identifier alias) implements Naming {
            @Override
            public boolean matches(List<Identifier> qualifier) {
                return qualifier.size() == 1 && qualifier.getFirst().matches(alias);
            }

            @Override
            public String simpleName() {
                return alias.text();
            }
        }

        record TableName(CatalogTable table) implements Naming {
            @Override
            public boolean matches(List<Identifier> qualifier) {
                return switch (qualifier.size()) {
                    case 1 -> qualifier.getFirst().matches(table.tableName());
                    case 2 -> qualifier.getFirst().matches(table.schemaName()) && qualifier.get(1).matches(table.tableName());
                    default -> false;
                };
            }

            @Override
            public String simpleName() {
                return table.tableName();
            }
        }

        record CommonTableName(Identifier name) implements Naming {
            @Override
            public boolean matches(List<Identifier> qualifier) {
                return qualifier.size() == 1 && qualifier.getFirst().matches(name);
            }

            @Override
            public String simpleName() {
                return name.text();
            }
        }
    }
}

package org.tapservice.adql.check;

import org.tapservice.adql.catalog.CatalogTable;

import static java.util.Objects.requireNonNull;

/** What a table name in FROM turned out to name. */
public sealed interface TableBinding {

    record CatalogBinding(CatalogTable table) implements TableBinding {
        public CatalogBinding {
            requireNonNull(table, "table is null");
        }
    }

    /** A common table expression of an enclosing WITH, printed under its declared name. */
    record CommonTableBinding(String name) implements TableBinding {
        public CommonTableBinding {
            requireNonNull(name, "name is null");
        }
    }
}

package org.tapservice.adql.catalog;

import java.util.List;
import java.util.Optional;

/** The tables a query may use, as the analyzer resolves them; typically fed from TAP_SCHEMA. */
public interface Catalog {

    /** Tables whose ADQL name matches; schema empty when the query named none. More than one result = ambiguous. */
    List<CatalogTable> findTables(Optional<Identifier> schema, Identifier table);
}

package org.tapservice.core.schema;

import java.util.Optional;

import org.tapservice.adql.catalog.Catalog;
import org.tapservice.adql.catalog.CatalogColumn;

/**
 * A catalogue that can say, for every column it hands to the translator, what TAP_SCHEMA would
 * say of it: the FIELD metadata a result column selected as it is carries.
 */
public interface DescribedCatalog extends Catalog {

    /** The description of a column this catalogue handed out; empty for any other column. */
    Optional<ColumnDescription> describe(CatalogColumn column);

    /**
     * Whether a column this catalogue handed out holds identifiers that the DataLink {links}
     * endpoint knows (declared in tap_links.id_columns).
     */
    default boolean holdsDataLinkIds(CatalogColumn column) {
        return false;
    }
}

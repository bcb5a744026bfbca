package org.tapservice.adql.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regular identifiers match case-insensitively, delimited ones exactly. */
class MapCatalogTest {

    private static final CatalogTable TABLES = new CatalogTable("TAP_SCHEMA", "tables", "tap_schema", "tables", List.of());
    private static final CatalogTable STARS = new CatalogTable("demo", "Stars", "demo", "stars", List.of());
    private static final CatalogTable OTHER_STARS = new CatalogTable("other", "stars", "other", "stars", List.of());

    private final MapCatalog catalog = MapCatalog.of(TABLES, STARS, OTHER_STARS);

    @Test
    void aRegularIdentifierMatchesInAnyCase() {
        assertTrue(Identifier.regular("TAP_schema").matches("TAP_SCHEMA"));
        assertEquals(List.of(TABLES), catalog.findTables(Optional.of(Identifier.regular("tap_schema")), Identifier.regular("TABLES")));
    }

    @Test
    void aDelimitedIdentifierMatchesExactly() {
        assertFalse(Identifier.delimited("tap_schema").matches("TAP_SCHEMA"));
        assertEquals(List.of(STARS), catalog.findTables(Optional.empty(), Identifier.delimited("Stars")));
        assertEquals(List.of(OTHER_STARS), catalog.findTables(Optional.empty(), Identifier.delimited("stars")));
    }

    @Test
    void withoutASchemaEveryTableOfThatNameMatches() {
        assertEquals(List.of(STARS, OTHER_STARS), catalog.findTables(Optional.empty(), Identifier.regular("stars")));
        assertEquals(List.of(OTHER_STARS), catalog.findTables(Optional.of(Identifier.regular("other")), Identifier.regular("stars")));
        assertEquals(List.of(), catalog.findTables(Optional.of(Identifier.regular("nowhere")), Identifier.regular("stars")));
    }
}

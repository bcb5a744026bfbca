package org.tapservice.adql;

import org.tapservice.adql.catalog.CatalogColumn;
import org.tapservice.adql.catalog.CatalogTable;
import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.catalog.MapCatalog;

import java.util.List;

/** The catalogue the tests query: two science tables and a piece of TAP_SCHEMA. */
final class TestCatalog {

    static final CatalogTable STARS = new CatalogTable("demo", "stars", "demo", "stars", List.of(
            new CatalogColumn("id", "id", ColumnType.BIGINT),
            new CatalogColumn("ra", "ra", ColumnType.DOUBLE),
            new CatalogColumn("dec", "dec", ColumnType.DOUBLE),
            new CatalogColumn("mag", "mag", ColumnType.REAL),
            new CatalogColumn("name", "name", ColumnType.VARCHAR),
            new CatalogColumn("pos", "pos", ColumnType.POINT)));

    static final CatalogTable GALAXIES = new CatalogTable("demo", "galaxies", "demo", "galaxy_view", List.of(
            new CatalogColumn("id", "id", ColumnType.BIGINT),
            new CatalogColumn("ra", "ra", ColumnType.DOUBLE),
            new CatalogColumn("dec", "dec", ColumnType.DOUBLE),
            new CatalogColumn("z", "redshift", ColumnType.DOUBLE),
            new CatalogColumn("Name", "name", ColumnType.VARCHAR)));

    static final CatalogTable TAP_TABLES = new CatalogTable("TAP_SCHEMA", "tables", "tap_schema", "tables", List.of(
            new CatalogColumn("schema_name", "schema_name", ColumnType.VARCHAR),
            new CatalogColumn("table_name", "table_name", ColumnType.VARCHAR),
            new CatalogColumn("size", "size", ColumnType.INTEGER)));

    static final MapCatalog CATALOG = MapCatalog.of(STARS, GALAXIES, TAP_TABLES);

    private TestCatalog() {
    }
}

package org.tapservice.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tapservice.core.testing.SampleCatalogue;
import org.tapservice.core.testing.TestDatabase;

class TapSchemaLoaderTest {

    private static TestDatabase database;
    private static TapSchema schema;

    @BeforeAll
    static void load() {
        database = TestDatabase.create();
        SampleCatalogue.install(database);
        database.execute("""
                INSERT INTO tap_schema.tables (schema_name, table_name, description)
                VALUES ('science', 'science.missing', 'published but never created');
                INSERT INTO tap_schema.columns (table_name, column_name, datatype, column_index)
                VALUES ('science.sources', 'ghost', 'double', 9);
                """);
        schema = new TapSchemaLoader(database.dataSource()).load();
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void tapSchemaDescribesItselfUnderItsStandardName() {
        TableDescription columns = schema.table("TAP_SCHEMA.columns").orElseThrow();

        assertThat(columns.sqlSchema()).isEqualTo("tap_schema");
        assertThat(columns.sqlTable()).isEqualTo("columns");
        assertThat(columns.columns()).extracting(ColumnDescription::name)
                .containsExactly("table_name", "column_name", "datatype", "arraysize", "\"size\"", "xtype", "unit", "ucd",
                        "utype", "description", "principal", "indexed", "std", "column_index");
    }

    @Test
    void schemasComeInSchemaIndexOrderWithTheirTables() {
        assertThat(schema.schemas()).extracting(SchemaDescription::name).containsExactly("TAP_SCHEMA", "science");
        assertThat(schema.schemas().getFirst().tables()).hasSize(5);
    }

    @Test
    void columnsCarryTheirTapSchemaMetadataInColumnIndexOrder() {
        TableDescription sources = schema.table("science.sources").orElseThrow();

        assertThat(sources.columns()).extracting(ColumnDescription::name)
                .containsExactly("id", "ra", "dec", "mag", "name", "flag", "seen");
        ColumnDescription ra = sources.column("ra").orElseThrow();
        assertThat(ra.unit()).isEqualTo("deg");
        assertThat(ra.ucd()).isEqualTo("pos.eq.ra;meta.main");
        assertThat(ra.indexed()).isTrue();
        assertThat(sources.column("seen").orElseThrow().xtype()).isEqualTo("timestamp");
    }

    @Test
    void tableNamesAreFoundWithoutRegardToCase() {
        assertThat(schema.table("SCIENCE.Sources")).isPresent();
        assertThat(schema.table("tap_schema.tables")).isPresent();
    }

    @Test
    void aPublishedTableOrColumnWithoutARelationBehindItIsNotServed() {
        assertThat(schema.table("science.missing")).isEmpty();
        assertThat(schema.table("science.sources").orElseThrow().column("ghost")).isEmpty();
    }

    @Test
    void foreignKeysOfTapSchemaAreRead() {
        TableDescription columns = schema.table("TAP_SCHEMA.columns").orElseThrow();

        assertThat(columns.foreignKeys()).singleElement().satisfies(key -> {
            assertThat(key.targetTable()).isEqualTo("TAP_SCHEMA.tables");
            assertThat(key.columns()).containsExactly(
                    new ForeignKeyDescription.ColumnPair("table_name", "table_name"));
        });
    }
}

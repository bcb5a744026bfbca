package org.tapservice.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** publish and unpublish on the real PostgreSQL, in a throwaway database. */
class PublishCommandTest {

    private static final String FIXTURE = """
            CREATE SCHEMA sample;
            CREATE DOMAIN sample.code AS varchar(5);
            CREATE TABLE sample.parent (id bigint PRIMARY KEY, name text);
            CREATE TABLE sample.every_type (
                c_smallint smallint, c_integer integer PRIMARY KEY, c_bigint bigint REFERENCES sample.parent (id),
                c_real real, c_double double precision, c_numeric numeric(10, 2), c_boolean boolean,
                c_text text, c_varchar varchar(20), c_char char(3), c_code sample.code,
                c_timestamp timestamp, c_timestamptz timestamptz, c_date date,
                c_point spoint, c_circle scircle, c_polygon spoly,
                c_int_array integer[], c_double_array double precision[],
                c_money money, "MixedCase" integer, size integer, "two words" text);
            CREATE INDEX ON sample.every_type (c_bigint);
            CREATE INDEX ON sample.every_type (lower(c_text));
            CREATE INDEX ON sample.every_type (c_real) WHERE c_real > 0;
            CREATE VIEW sample.big_parents AS SELECT id, name FROM sample.parent WHERE id > 100;
            """;

    private static AdminHarness harness;
    private static JdbcTemplate jdbc;

    @TempDir
    Path directory;

    @BeforeAll
    static void createDatabase() {
        harness = new AdminHarness();
        jdbc = harness.jdbc();
        jdbc.execute(FIXTURE);
    }

    @AfterAll
    static void dropDatabase() {
        harness.close();
    }

    @BeforeEach
    void unpublishAll() {
        jdbc.update("DELETE FROM tap_schema.schemas WHERE schema_name <> 'TAP_SCHEMA'");
    }

    @Test
    void publish_EveryMappedType_ShouldWriteColumnsWithTapTypes() throws IOException {
        Path meta = Files.writeString(directory.resolve("every_type.yaml"), """
                description: One column per mapped type
                utype: test:every
                columns:
                  c_double: {unit: deg, ucd: pos.eq.ra, utype: test:ra, description: A double, principal: true}
                  c_integer: {principal: false}
                """);

        var result = harness.run("publish", "sample.every_type", "--meta", meta.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("published sample.every_type (table): 22 columns, 0 keys");
        assertThat(result.err()).contains("warning: column c_money skipped: PostgreSQL type money has no TAP datatype");
        assertThat(jdbc.queryForMap("SELECT * FROM tap_schema.tables WHERE table_name = 'sample.every_type'"))
                .containsEntry("schema_name", "sample").containsEntry("table_type", "table")
                .containsEntry("description", "One column per mapped type").containsEntry("utype", "test:every");
        assertThat(jdbc.query("""
                SELECT column_name, datatype, arraysize, "size", xtype, indexed, principal FROM tap_schema.columns
                WHERE table_name = 'sample.every_type' ORDER BY column_index
                """, (rs, row) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4),
                rs.getString(5), rs.getInt(6), rs.getInt(7))))
                .containsExactly(
                        tuple("c_smallint", "short", null, null, null, 0, 0),
                        tuple("c_integer", "int", null, null, null, 1, 0),
                        tuple("c_bigint", "long", null, null, null, 1, 0),
                        tuple("c_real", "float", null, null, null, 0, 0),
                        tuple("c_double", "double", null, null, null, 0, 1),
                        tuple("c_numeric", "double", null, null, null, 0, 0),
                        tuple("c_boolean", "boolean", null, null, null, 0, 0),
                        tuple("c_text", "char", "*", null, null, 1, 0),
                        tuple("c_varchar", "char", "20*", 20, null, 0, 0),
                        tuple("c_char", "char", "3", 3, null, 0, 0),
                        tuple("c_code", "char", "5*", 5, null, 0, 0),
                        tuple("c_timestamp", "char", "*", null, "timestamp", 0, 0),
                        tuple("c_timestamptz", "char", "*", null, "timestamp", 0, 0),
                        tuple("c_date", "char", "*", null, "timestamp", 0, 0),
                        tuple("c_point", "double", "2", null, "point", 0, 0),
                        tuple("c_circle", "double", "3", null, "circle", 0, 0),
                        tuple("c_polygon", "double", "*", null, "polygon", 0, 0),
                        tuple("c_int_array", "int", "*", null, null, 0, 0),
                        tuple("c_double_array", "double", "*", null, null, 0, 0),
                        tuple("MixedCase", "int", null, null, null, 0, 0),
                        // an ADQL reserved word and a name that is no ADQL identifier are delimited
                        tuple("\"size\"", "int", null, null, null, 0, 0),
                        tuple("\"two words\"", "char", "*", null, null, 0, 0));
        assertThat(jdbc.queryForMap("""
                SELECT unit, ucd, utype, description, column_index, std FROM tap_schema.columns
                WHERE table_name = 'sample.every_type' AND column_name = 'c_double'
                """)).isEqualTo(Map.of("unit", "deg", "ucd", "pos.eq.ra", "utype", "test:ra",
                "description", "A double", "column_index", 4, "std", 0));
    }

    @Test
    void publish_ForeignKeys_ShouldLinkPublishedTablesInBothOrders() {
        assertThat(harness.run("publish", "sample.every_type").exitCode()).isZero();
        assertThat(keys()).isEmpty(); // its target is not published yet

        assertThat(harness.run("publish", "sample.parent").exitCode()).isZero();
        assertThat(keys()).containsExactly("sample.every_type.every_type_c_bigint_fkey "
                + "sample.every_type -> sample.parent (c_bigint -> id)");

        // republishing either end keeps the key
        assertThat(harness.run("publish", "sample.parent").out()).contains("1 keys");
        assertThat(harness.run("publish", "sample.every_type").out()).contains("1 keys");
        assertThat(keys()).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT principal FROM tap_schema.columns WHERE table_name = 'sample.parent' "
                + "AND column_name = 'id'", Integer.class)).as("primary key is principal by default").isOne();
    }

    @Test
    void publish_View_ShouldBeTableTypeView() {
        var result = harness.run("publish", "sample.big_parents", "--description", "Parents over 100");

        assertThat(result.out()).contains("published sample.big_parents (view): 2 columns");
        assertThat(jdbc.queryForMap("SELECT table_type, description FROM tap_schema.tables "
                + "WHERE table_name = 'sample.big_parents'"))
                .isEqualTo(Map.of("table_type", "view", "description", "Parents over 100"));
    }

    @Test
    void publish_MetadataWithUnknownColumn_ShouldFailNamingItAndKeepTapSchema() throws IOException {
        assertThat(harness.run("publish", "sample.parent").exitCode()).isZero();
        Path meta = Files.writeString(directory.resolve("parent.yaml"), "columns: {nmae: {unit: deg}}\n");

        var result = harness.run("publish", "sample.parent", "--meta", meta.toString());

        assertThat(result.exitCode()).isEqualTo(AdminApplication.FAILED);
        assertThat(result.err()).isEqualTo("tap admin: " + meta + ": sample.parent has no column nmae\n");
        assertThat(columnCount("sample.parent")).isEqualTo(2);
    }

    @Test
    void publish_PgsphereColumnsWithXtypeAdqlRegion_ShouldBeStcsStrings() throws IOException {
        Path meta = Files.writeString(directory.resolve("regions.yaml"), """
                columns:
                  c_polygon: {xtype: adql:REGION}
                  c_circle: {xtype: adql:REGION}
                """);

        var result = harness.run("publish", "sample.every_type", "--meta", meta.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(jdbc.query("""
                SELECT column_name, datatype, arraysize, xtype FROM tap_schema.columns
                WHERE table_name = 'sample.every_type' AND column_name IN ('c_point', 'c_circle', 'c_polygon')
                ORDER BY column_index
                """, (rs, row) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))))
                .containsExactly(
                        tuple("c_point", "double", "2", "point"),
                        tuple("c_circle", "char", "*", "adql:REGION"),
                        tuple("c_polygon", "char", "*", "adql:REGION"));
    }

    @Test
    void publish_XtypeTheColumnCannotHave_ShouldFailNamingItAndKeepTapSchema() throws IOException {
        assertThat(harness.run("publish", "sample.parent").exitCode()).isZero();
        Path meta = Files.writeString(directory.resolve("parent.yaml"), "columns: {name: {xtype: adql:REGION}}\n");

        var result = harness.run("publish", "sample.parent", "--meta", meta.toString());

        assertThat(result.exitCode()).isEqualTo(AdminApplication.FAILED);
        assertThat(result.err()).isEqualTo("tap admin: column name: a PostgreSQL text cannot be published with "
                + "xtype adql:REGION (adql:REGION is for the pgsphere types spoint, scircle, sbox and spoly)\n");
        assertThat(jdbc.queryForObject("SELECT xtype FROM tap_schema.columns WHERE table_name = 'sample.parent' "
                + "AND column_name = 'name'", String.class)).isNull();
    }

    @Test
    void publish_MissingTableOrTapSchema_ShouldFail() {
        var missing = harness.run("publish", "sample.nothing");
        var tapSchema = harness.run("publish", "tap_schema.columns");

        assertThat(missing.exitCode()).isEqualTo(AdminApplication.FAILED);
        assertThat(missing.err()).isEqualTo("tap admin: no table or view sample.nothing in the database\n");
        assertThat(tapSchema.exitCode()).isEqualTo(AdminApplication.FAILED);
        assertThat(tapSchema.err()).contains("cannot be published");
    }

    @Test
    void unpublish_ShouldRemoveRowsAndEmptySchemaButKeepTheTable() {
        harness.run("publish", "sample.parent");
        harness.run("publish", "sample.every_type");

        assertThat(harness.run("unpublish", "sample.parent").out()).isEqualTo("unpublished sample.parent\n");
        assertThat(columnCount("sample.parent")).isZero();
        assertThat(keys()).isEmpty();
        assertThat(schemas()).contains("sample");

        assertThat(harness.run("unpublish", "sample.every_type").exitCode()).isZero();
        assertThat(schemas()).containsExactly("TAP_SCHEMA");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sample.parent", Integer.class)).isZero();

        var again = harness.run("unpublish", "sample.parent");
        assertThat(again.exitCode()).isEqualTo(AdminApplication.FAILED);
        assertThat(again.err()).isEqualTo("tap admin: sample.parent is not published\n");
    }

    private static List<String> keys() {
        return jdbc.query("""
                SELECT k.key_id || ' ' || from_table || ' -> ' || target_table || ' (' || from_column || ' -> ' || target_column || ')'
                FROM tap_schema.keys k JOIN tap_schema.key_columns c USING (key_id)
                WHERE from_table NOT LIKE 'TAP_SCHEMA.%'
                """, (rs, row) -> rs.getString(1));
    }

    private static int columnCount(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM tap_schema.columns WHERE table_name = ?", Integer.class, table);
    }

    private static List<String> schemas() {
        return jdbc.queryForList("SELECT schema_name FROM tap_schema.schemas ORDER BY schema_name", String.class);
    }
}

package org.tapservice.obscore;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tapservice.adql.AdqlTranslator;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TapSchemaLoader;
import org.tapservice.core.testing.QueryPlans;
import org.tapservice.core.testing.TestDatabase;
import org.tapservice.obscore.derive.DataFile;
import org.tapservice.obscore.load.ObsCoreTable;
import org.tapservice.obscore.load.SourceRecord;
import org.tapservice.obscore.wcs.SkyPolygon;
import org.tapservice.obscore.wcs.SkyPosition;

/**
 * ADQL's spatial constraints on ivoa.obscore, as the translator writes them, are answered from
 * the GiST indexes the builder creates: 20,000 small fields spread over the sky, analyzed, and
 * PostgreSQL's own plan for the translated SQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObsCoreAdqlTest {

    private TestDatabase database;
    private CatalogCache catalogs;

    @BeforeAll
    void loadFields() {
        database = TestDatabase.create();
        var table = new ObsCoreTable(database.dataSource());
        table.create();
        var records = new ArrayList<SourceRecord>();
        for (int i = 1; i <= 20_000; i++) {
            double ra = (i * 137.50776405) % 360;
            double dec = Math.toDegrees(Math.asin(2 * ((i * 0.41421356237) % 1) - 1)) * 0.95;
            double half = 0.05;
            var values = new EnumMap<ObsCoreField, Object>(ObsCoreField.class);
            values.put(ObsCoreField.CALIB_LEVEL, 2);
            values.put(ObsCoreField.OBS_COLLECTION, "SKY");
            values.put(ObsCoreField.OBS_ID, "f" + i);
            values.put(ObsCoreField.OBS_PUBLISHER_DID, "ivo://example.org/sky?f" + i);
            values.put(ObsCoreField.S_RA, ra);
            values.put(ObsCoreField.S_DEC, dec);
            values.put(ObsCoreField.S_REGION, SkyPolygon.counterClockwise(List.of(new SkyPosition(ra - half, dec - half),
                    new SkyPosition(ra + half, dec - half), new SkyPosition(ra + half, dec + half),
                    new SkyPosition(ra - half, dec + half))));
            records.add(new SourceRecord(new DataFile("f" + i + ".fits", 2880), new byte[0], new ObsCoreRow(values)));
            if (records.size() == 1000) {
                table.upsert(records);
                records.clear();
            }
        }
        var columns = new StringBuilder();
        for (ObsCoreField field : ObsCoreField.values()) {
            String type = switch (field.kind()) {
                case TEXT -> "'char', '*', NULL";
                case INTEGER -> "'int', NULL, NULL";
                case LONG -> "'long', NULL, NULL";
                case DOUBLE -> "'double', NULL, NULL";
                // as the admin command publishes s_region, ObsCore 1.1's ADQL REGION
                case REGION -> "'char', '*', 'adql:REGION'";
            };
            columns.append(columns.isEmpty() ? "" : ", ").append("('ivoa.obscore', '").append(field.column())
                    .append("', ").append(type).append(", ").append(field.ordinal()).append(")");
        }
        database.execute("""
                ANALYZE ivoa.obscore;
                INSERT INTO tap_schema.schemas (schema_name) VALUES ('ivoa');
                INSERT INTO tap_schema.tables (schema_name, table_name) VALUES ('ivoa', 'ivoa.obscore');
                INSERT INTO tap_schema.columns (table_name, column_name, datatype, arraysize, xtype, column_index)
                VALUES %s;
                """.formatted(columns));
        catalogs = new CatalogCache(new TapSchemaLoader(database.dataSource()), Duration.ofHours(1), Clock.systemUTC());
    }

    @AfterAll
    void drop() {
        database.close();
    }

    private String plan(String adql) throws SQLException {
        String sql = new AdqlTranslator().translate(adql, catalogs.current(), OptionalLong.of(1001)).sql();
        return QueryPlans.explain(database.dataSource(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(POINT('ICRS', 120, 30), s_region)",
            "SELECT obs_id FROM ivoa.obscore WHERE 1 = INTERSECTS(s_region, CIRCLE('ICRS', 120, 30, 0.2))",
            "SELECT obs_id FROM ivoa.obscore WHERE 1 = INTERSECTS(CIRCLE('ICRS', 120, 30, 0.2), s_region)",
            "SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(s_region, CIRCLE('ICRS', 120, 30, 0.01))",
            "SELECT obs_id FROM ivoa.obscore WHERE 1 = INTERSECTS(s_region, POLYGON('ICRS', 119.8, 29.8, 120.2, 29.8, 120, 30.2))",
    })
    void aConstraintOnSRegionUsesItsIndex(String adql) throws SQLException {
        assertThat(plan(adql)).contains("obscore_s_region").containsPattern("(Bitmap )?Index Scan");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT obs_id FROM ivoa.obscore WHERE 1 = CONTAINS(POINT('ICRS', s_ra, s_dec), CIRCLE('ICRS', 120, 30, 0.5))",
            "SELECT obs_id FROM ivoa.obscore WHERE DISTANCE(POINT(s_ra, s_dec), POINT(120, 30)) < 0.5",
    })
    void aConeOnTheCentreUsesThePositionIndex(String adql) throws SQLException {
        assertThat(plan(adql)).contains("obscore_s_position").containsPattern("(Bitmap )?Index Scan");
    }
}

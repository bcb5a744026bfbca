package org.tapservice.core.testing;

/**
 * A small published table with known contents: ten sources on a line of declination 10 deg,
 * at right ascensions 10.0, 10.1, ..., 10.9, with one NULL magnitude.
 */
public final class SampleCatalogue {

    public static final int ROWS = 10;

    private SampleCatalogue() {
    }

    public static void install(TestDatabase database) {
        database.execute("""
                CREATE SCHEMA science;
                CREATE TABLE science.sources (
                    id bigint PRIMARY KEY,
                    ra double precision NOT NULL,
                    dec double precision NOT NULL,
                    mag real,
                    name varchar(16),
                    flag smallint,
                    seen timestamp);
                INSERT INTO science.sources
                SELECT i, 10 + i / 10.0, 10, CASE WHEN i = 3 THEN NULL ELSE 12 + i END, 'src-' || i, i % 2,
                       timestamp '2024-01-01 00:00:00' + i * interval '1 hour'
                FROM generate_series(0, 9) AS i;
                CREATE INDEX ON science.sources USING gist (spoint(radians(ra), radians(dec)));

                INSERT INTO tap_schema.schemas (schema_name, description) VALUES ('science', 'Test sources');
                INSERT INTO tap_schema.tables (schema_name, table_name, table_type, description)
                VALUES ('science', 'science.sources', 'table', 'Ten sources');
                INSERT INTO tap_schema.columns
                    (table_name, column_name, datatype, arraysize, xtype, unit, ucd, description,
                     principal, indexed, std, column_index) VALUES
                    ('science.sources', 'id', 'long', NULL, NULL, NULL, 'meta.id;meta.main', 'Identifier', 1, 1, 0, 0),
                    ('science.sources', 'ra', 'double', NULL, NULL, 'deg', 'pos.eq.ra;meta.main', 'Right ascension', 1, 1, 0, 1),
                    ('science.sources', 'dec', 'double', NULL, NULL, 'deg', 'pos.eq.dec;meta.main', 'Declination', 1, 1, 0, 2),
                    ('science.sources', 'mag', 'float', NULL, NULL, 'mag', 'phot.mag', 'Magnitude', 1, 0, 0, 3),
                    ('science.sources', 'name', 'char', '16*', NULL, NULL, 'meta.id', 'Name', 0, 0, 0, 4),
                    ('science.sources', 'flag', 'short', NULL, NULL, NULL, 'meta.code', 'Odd or even', 0, 0, 0, 5),
                    ('science.sources', 'seen', 'char', '*', 'timestamp', NULL, 'time.epoch', 'When seen', 0, 0, 0, 6);
                UPDATE tap_schema.columns SET "size" = 16 WHERE table_name = 'science.sources' AND column_name = 'name';
                """);
    }
}

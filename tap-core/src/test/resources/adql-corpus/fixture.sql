-- The tables the ADQL corpus queries, published in TAP_SCHEMA under the schema "corpus".
-- Every expected result in the *.adql files is worked out by hand from the rows below:
-- change a row and the expectations that depend on it must change too.

CREATE SCHEMA corpus;

-- Six stars; Gamma has no magnitude, Epsilon no kind. Alpha, Beta and Gamma lie within a
-- degree of (10.5, 20), Epsilon just west of RA 0, zeta one degree from the pole.
CREATE TABLE corpus.stars (
    id bigint PRIMARY KEY,
    name varchar(16) NOT NULL,
    ra double precision NOT NULL,
    dec double precision NOT NULL,
    mag double precision,
    kind char(1),
    -- derived from ra and dec, so the two never disagree
    pos spoint GENERATED ALWAYS AS (spoint(radians(ra), radians(dec))) STORED);
INSERT INTO corpus.stars (id, name, ra, dec, mag, kind) VALUES
    (1, 'Alpha', 10.0, 20.0, 5.5, 'G'),
    (2, 'Beta', 10.5, 20.5, 7.25, 'K'),
    (3, 'Gamma', 11.0, 19.0, NULL, 'G'),
    (4, 'Delta', 200.0, -45.0, 3.0, 'M'),
    (5, 'Epsilon', 359.5, 0.0, 9.75, NULL),
    (6, 'zeta', 180.0, 89.0, 12.0, 'K');

-- Observations of stars 1, 2 and 4; star 99 does not exist (for outer joins).
CREATE TABLE corpus.observations (
    obs_id integer PRIMARY KEY,
    star_id bigint NOT NULL,
    band char(1) NOT NULL,
    flux double precision NOT NULL,
    exposure integer,
    obs_time timestamp);
INSERT INTO corpus.observations VALUES
    (100, 1, 'V', 1.5, 30, '2020-01-01 00:00:00'),
    (101, 1, 'B', 2.5, 60, '2020-01-02 12:00:00'),
    (102, 2, 'V', 4.0, 30, '2021-06-15 06:30:00'),
    (103, 4, 'R', 0.5, 120, '2019-12-31 23:59:59'),
    (104, 99, 'V', 8.0, NULL, NULL);

-- Spectra share the column "id" with stars (for NATURAL and USING joins); star 7 does not exist.
CREATE TABLE corpus.spectra (
    id bigint PRIMARY KEY,
    z double precision NOT NULL,
    quality varchar(8) NOT NULL);
INSERT INTO corpus.spectra VALUES
    (2, 0.5, 'good'),
    (3, 1.25, 'poor'),
    (7, 2.0, 'good');

-- Strings that are awkward to quote, match or fold.
CREATE TABLE corpus.texts (
    id integer PRIMARY KEY,
    txt varchar(32));
INSERT INTO corpus.texts VALUES
    (1, 'Alpha'),
    (2, 'alpha'),
    (3, 'ALPHA centauri'),
    (4, 'it''s'),
    (5, '100%'),
    (6, 'a_b'),
    (7, E'back\\slash'),
    (8, 'Ωmega'),
    (9, 'café'),
    (10, ''),
    (11, NULL),
    (12, '-- not a comment'),
    (13, '"quoted"'),
    (14, 'x;y');

-- Numbers of every ADQL numeric type, with negatives, zero and NULL; b in row 6 is 2^53 + 1,
-- which a double cannot hold.
CREATE TABLE corpus.numbers (
    id integer PRIMARY KEY,
    i integer,
    s smallint,
    b bigint,
    x double precision,
    r real);
INSERT INTO corpus.numbers VALUES
    (1, 7, 7, 7, 7.5, 7.5),
    (2, -7, -7, -7, -7.5, -7.5),
    (3, 0, 0, 0, 0.0, 0.0),
    (4, 2, 2, 2, 2.25, 2.25),
    (5, NULL, NULL, NULL, NULL, NULL),
    (6, 12, 255, 9007199254740993, 1234.5678, 0.125);

CREATE TABLE corpus.events (
    id integer PRIMARY KEY,
    label varchar(16) NOT NULL,
    t timestamp);
INSERT INTO corpus.events VALUES
    (1, 'launch', '2020-01-01 00:00:00'),
    (2, 'midyear', '2020-06-30 12:34:56.789'),
    (3, 'leap', '2020-02-29 23:59:59'),
    (4, 'next', '2021-01-01 00:00:00'),
    (5, 'unknown', NULL);

-- Geometry stored as pgsphere values (radians), published as DALI point, circle and polygon.
CREATE TABLE corpus.shapes (
    id integer PRIMARY KEY,
    p spoint,
    c scircle,
    poly spoly);
INSERT INTO corpus.shapes VALUES
    (1, spoint(radians(10), radians(20)), scircle(spoint(radians(10), radians(20)), radians(1)),
        spoly '{(10d, 10d), (12d, 10d), (11d, 12d)}'),
    (2, spoint(radians(200), radians(-45)), scircle(spoint(radians(200), radians(-45)), radians(0.5)),
        spoly '{(199d, -46d), (201d, -46d), (201d, -44d), (199d, -44d)}'),
    (3, NULL, NULL, NULL);

-- Names that need care: a reserved word, mixed case, a space.
CREATE TABLE corpus.odd (
    id integer PRIMARY KEY,
    "size" integer,
    "Mixed" integer,
    "two words" varchar(8));
INSERT INTO corpus.odd VALUES
    (1, 10, 100, 'a'),
    (2, 20, 200, 'b');

INSERT INTO tap_schema.schemas (schema_name, description) VALUES ('corpus', 'Tables of the ADQL corpus');
INSERT INTO tap_schema.tables (schema_name, table_name, table_type, description) VALUES
    ('corpus', 'corpus.stars', 'table', 'Six stars'),
    ('corpus', 'corpus.observations', 'table', 'Five observations'),
    ('corpus', 'corpus.spectra', 'table', 'Three spectra'),
    ('corpus', 'corpus.texts', 'table', 'Awkward strings'),
    ('corpus', 'corpus.numbers', 'table', 'Numbers of every type'),
    ('corpus', 'corpus.events', 'table', 'Timestamps'),
    ('corpus', 'corpus.shapes', 'table', 'Stored geometry'),
    ('corpus', 'corpus.odd', 'table', 'Awkward names');
INSERT INTO tap_schema.columns
    (table_name, column_name, datatype, arraysize, xtype, unit, ucd, description, principal, indexed, std, column_index)
VALUES
    ('corpus.stars', 'id', 'long', NULL, NULL, NULL, 'meta.id;meta.main', 'Identifier', 1, 1, 0, 0),
    ('corpus.stars', 'name', 'char', '16*', NULL, NULL, 'meta.id', 'Name', 1, 0, 0, 1),
    ('corpus.stars', 'ra', 'double', NULL, NULL, 'deg', 'pos.eq.ra;meta.main', 'Right ascension', 1, 1, 0, 2),
    ('corpus.stars', 'dec', 'double', NULL, NULL, 'deg', 'pos.eq.dec;meta.main', 'Declination', 1, 1, 0, 3),
    ('corpus.stars', 'mag', 'double', NULL, NULL, 'mag', 'phot.mag', 'Magnitude', 1, 0, 0, 4),
    ('corpus.stars', 'kind', 'char', '1', NULL, NULL, 'src.class', 'Spectral kind', 0, 0, 0, 5),
    ('corpus.stars', 'pos', 'double', '2', 'point', 'deg', 'pos.eq', 'Position', 0, 1, 0, 6),
    ('corpus.observations', 'obs_id', 'int', NULL, NULL, NULL, 'meta.id;meta.main', 'Observation', 1, 1, 0, 0),
    ('corpus.observations', 'star_id', 'long', NULL, NULL, NULL, 'meta.id', 'Observed star', 1, 1, 0, 1),
    ('corpus.observations', 'band', 'char', '1', NULL, NULL, 'instr.bandpass', 'Band', 1, 0, 0, 2),
    ('corpus.observations', 'flux', 'double', NULL, NULL, 'Jy', 'phot.flux', 'Flux', 1, 0, 0, 3),
    ('corpus.observations', 'exposure', 'int', NULL, NULL, 's', 'time.duration', 'Exposure', 0, 0, 0, 4),
    ('corpus.observations', 'obs_time', 'char', '*', 'timestamp', NULL, 'time.epoch', 'When', 0, 0, 0, 5),
    ('corpus.spectra', 'id', 'long', NULL, NULL, NULL, 'meta.id', 'Star', 1, 1, 0, 0),
    ('corpus.spectra', 'z', 'double', NULL, NULL, NULL, 'src.redshift', 'Redshift', 1, 0, 0, 1),
    ('corpus.spectra', 'quality', 'char', '8*', NULL, NULL, 'meta.code.qual', 'Quality', 1, 0, 0, 2),
    ('corpus.texts', 'id', 'int', NULL, NULL, NULL, 'meta.id', 'Identifier', 1, 1, 0, 0),
    ('corpus.texts', 'txt', 'unicodeChar', '32*', NULL, NULL, 'meta.note', 'Text', 1, 0, 0, 1),
    ('corpus.numbers', 'id', 'int', NULL, NULL, NULL, 'meta.id', 'Identifier', 1, 1, 0, 0),
    ('corpus.numbers', 'i', 'int', NULL, NULL, NULL, NULL, 'An integer', 1, 0, 0, 1),
    ('corpus.numbers', 's', 'short', NULL, NULL, NULL, NULL, 'A smallint', 1, 0, 0, 2),
    ('corpus.numbers', 'b', 'long', NULL, NULL, NULL, NULL, 'A bigint', 1, 0, 0, 3),
    ('corpus.numbers', 'x', 'double', NULL, NULL, NULL, NULL, 'A double', 1, 0, 0, 4),
    ('corpus.numbers', 'r', 'float', NULL, NULL, NULL, NULL, 'A real', 1, 0, 0, 5),
    ('corpus.events', 'id', 'int', NULL, NULL, NULL, 'meta.id', 'Identifier', 1, 1, 0, 0),
    ('corpus.events', 'label', 'char', '16*', NULL, NULL, 'meta.note', 'Label', 1, 0, 0, 1),
    ('corpus.events', 't', 'char', '*', 'timestamp', NULL, 'time.epoch', 'When', 1, 0, 0, 2),
    ('corpus.shapes', 'id', 'int', NULL, NULL, NULL, 'meta.id', 'Identifier', 1, 1, 0, 0),
    ('corpus.shapes', 'p', 'double', '2', 'point', 'deg', 'pos.eq', 'A point', 1, 0, 0, 1),
    ('corpus.shapes', 'c', 'double', '3', 'circle', 'deg', 'pos.outline', 'A circle', 1, 0, 0, 2),
    ('corpus.shapes', 'poly', 'double', '*', 'polygon', 'deg', 'pos.outline', 'A polygon', 1, 0, 0, 3),
    ('corpus.odd', 'id', 'int', NULL, NULL, NULL, 'meta.id', 'Identifier', 1, 1, 0, 0),
    ('corpus.odd', '"size"', 'int', NULL, NULL, NULL, NULL, 'Named by a reserved word', 1, 0, 0, 1),
    ('corpus.odd', 'Mixed', 'int', NULL, NULL, NULL, NULL, 'Named in mixed case', 1, 0, 0, 2),
    ('corpus.odd', '"two words"', 'char', '8*', NULL, NULL, NULL, 'Named with a space', 1, 0, 0, 3);

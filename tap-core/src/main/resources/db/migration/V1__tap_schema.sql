-- TAP_SCHEMA 1.1 (TAP 1.1, section 4). It lives in the PostgreSQL schema tap_schema and is
-- published under its standard name "TAP_SCHEMA": the catalogue maps ADQL names to PostgreSQL
-- names, so the case difference never reaches users.
CREATE SCHEMA IF NOT EXISTS tap_schema;

CREATE TABLE tap_schema.schemas (
    schema_name  varchar(64)  NOT NULL PRIMARY KEY,
    utype        varchar(512),
    description  varchar(8192),
    schema_index integer
);

CREATE TABLE tap_schema.tables (
    schema_name  varchar(64)  NOT NULL REFERENCES tap_schema.schemas (schema_name) ON DELETE CASCADE,
    table_name   varchar(128) NOT NULL PRIMARY KEY,
    table_type   varchar(8)   NOT NULL DEFAULT 'table' CHECK (table_type IN ('table', 'view')),
    utype        varchar(512),
    description  varchar(8192),
    table_index  integer
);

CREATE TABLE tap_schema.columns (
    table_name   varchar(128) NOT NULL REFERENCES tap_schema.tables (table_name) ON DELETE CASCADE,
    column_name  varchar(64)  NOT NULL,
    datatype     varchar(64)  NOT NULL,
    arraysize    varchar(16),
    "size"       integer,
    xtype        varchar(64),
    unit         varchar(64),
    ucd          varchar(64),
    utype        varchar(512),
    description  varchar(8192),
    principal    integer      NOT NULL DEFAULT 0 CHECK (principal IN (0, 1)),
    indexed      integer      NOT NULL DEFAULT 0 CHECK (indexed IN (0, 1)),
    std          integer      NOT NULL DEFAULT 0 CHECK (std IN (0, 1)),
    column_index integer,
    PRIMARY KEY (table_name, column_name)
);

CREATE TABLE tap_schema.keys (
    key_id       varchar(64)  NOT NULL PRIMARY KEY,
    from_table   varchar(128) NOT NULL REFERENCES tap_schema.tables (table_name) ON DELETE CASCADE,
    target_table varchar(128) NOT NULL REFERENCES tap_schema.tables (table_name) ON DELETE CASCADE,
    utype        varchar(512),
    description  varchar(8192)
);

CREATE TABLE tap_schema.key_columns (
    key_id        varchar(64) NOT NULL REFERENCES tap_schema.keys (key_id) ON DELETE CASCADE,
    from_column   varchar(64) NOT NULL,
    target_column varchar(64) NOT NULL,
    PRIMARY KEY (key_id, from_column)
);

-- TAP_SCHEMA describes itself, as TAP 1.1 requires.
INSERT INTO tap_schema.schemas (schema_name, description, schema_index) VALUES
    ('TAP_SCHEMA', 'Metadata of the tables and columns this service publishes (IVOA TAP 1.1)', 0);

INSERT INTO tap_schema.tables (schema_name, table_name, table_type, description, table_index) VALUES
    ('TAP_SCHEMA', 'TAP_SCHEMA.schemas',     'table', 'The schemas published by this service', 0),
    ('TAP_SCHEMA', 'TAP_SCHEMA.tables',      'table', 'The tables published by this service', 1),
    ('TAP_SCHEMA', 'TAP_SCHEMA.columns',     'table', 'The columns of the published tables', 2),
    ('TAP_SCHEMA', 'TAP_SCHEMA.keys',        'table', 'Foreign keys between published tables', 3),
    ('TAP_SCHEMA', 'TAP_SCHEMA.key_columns', 'table', 'The columns of the foreign keys', 4);

INSERT INTO tap_schema.columns
    (table_name, column_name, datatype, arraysize, "size", description, principal, indexed, std, column_index) VALUES
    ('TAP_SCHEMA.schemas', 'schema_name',  'char', '64*',   NULL, 'schema name, possibly qualified', 1, 1, 1, 0),
    ('TAP_SCHEMA.schemas', 'utype',        'char', '512*',  NULL, 'lists the utypes of schemas', 1, 0, 1, 1),
    ('TAP_SCHEMA.schemas', 'description',  'char', '8192*', NULL, 'brief description of schema', 1, 0, 1, 2),
    ('TAP_SCHEMA.schemas', 'schema_index', 'int',  NULL,    NULL, 'recommended sort order when listing schemas', 0, 0, 1, 3),

    ('TAP_SCHEMA.tables', 'schema_name',  'char', '64*',   NULL, 'the schema name from TAP_SCHEMA.schemas', 1, 1, 1, 0),
    ('TAP_SCHEMA.tables', 'table_name',   'char', '128*',  NULL, 'table name as it should be used in queries', 1, 1, 1, 1),
    ('TAP_SCHEMA.tables', 'table_type',   'char', '8*',    NULL, 'one of: table, view', 1, 0, 1, 2),
    ('TAP_SCHEMA.tables', 'utype',        'char', '512*',  NULL, 'lists the utype of tables', 1, 0, 1, 3),
    ('TAP_SCHEMA.tables', 'description',  'char', '8192*', NULL, 'brief description of table', 1, 0, 1, 4),
    ('TAP_SCHEMA.tables', 'table_index',  'int',  NULL,    NULL, 'recommended sort order when listing tables', 0, 0, 1, 5),

    ('TAP_SCHEMA.columns', 'table_name',   'char', '128*',  NULL, 'table name from TAP_SCHEMA.tables', 1, 1, 1, 0),
    ('TAP_SCHEMA.columns', 'column_name',  'char', '64*',   NULL, 'column name', 1, 1, 1, 1),
    ('TAP_SCHEMA.columns', 'datatype',     'char', '64*',   NULL, 'VOTable datatype of the column', 1, 0, 1, 2),
    ('TAP_SCHEMA.columns', 'arraysize',    'char', '16*',   NULL, 'VOTable arraysize of the column', 1, 0, 1, 3),
    ('TAP_SCHEMA.columns', '"size"',       'int',  NULL,    NULL, 'deprecated: use arraysize', 0, 0, 1, 4),
    ('TAP_SCHEMA.columns', 'xtype',        'char', '64*',   NULL, 'a DALI or custom extended type annotation', 1, 0, 1, 5),
    ('TAP_SCHEMA.columns', 'unit',         'char', '64*',   NULL, 'unit in VO standard format', 1, 0, 1, 6),
    ('TAP_SCHEMA.columns', 'ucd',          'char', '64*',   NULL, 'UCD of column if any', 1, 0, 1, 7),
    ('TAP_SCHEMA.columns', 'utype',        'char', '512*',  NULL, 'utype of column if any', 1, 0, 1, 8),
    ('TAP_SCHEMA.columns', 'description',  'char', '8192*', NULL, 'brief description of column', 1, 0, 1, 9),
    ('TAP_SCHEMA.columns', 'principal',    'int',  NULL,    NULL, 'a principal column; 1 means true, 0 false', 1, 0, 1, 10),
    ('TAP_SCHEMA.columns', 'indexed',      'int',  NULL,    NULL, 'an indexed column; 1 means true, 0 false', 1, 0, 1, 11),
    ('TAP_SCHEMA.columns', 'std',          'int',  NULL,    NULL, 'a standard column; 1 means true, 0 false', 1, 0, 1, 12),
    ('TAP_SCHEMA.columns', 'column_index', 'int',  NULL,    NULL, 'recommended sort order when listing columns', 0, 0, 1, 13),

    ('TAP_SCHEMA.keys', 'key_id',       'char', '64*',   NULL, 'unique key identifier', 1, 1, 1, 0),
    ('TAP_SCHEMA.keys', 'from_table',   'char', '128*',  NULL, 'fully qualified table name', 1, 0, 1, 1),
    ('TAP_SCHEMA.keys', 'target_table', 'char', '128*',  NULL, 'fully qualified table name', 1, 0, 1, 2),
    ('TAP_SCHEMA.keys', 'utype',        'char', '512*',  NULL, 'lists the utype of keys', 1, 0, 1, 3),
    ('TAP_SCHEMA.keys', 'description',  'char', '8192*', NULL, 'brief description of keys', 1, 0, 1, 4),

    ('TAP_SCHEMA.key_columns', 'key_id',        'char', '64*', NULL, 'key identifier from TAP_SCHEMA.keys', 1, 1, 1, 0),
    ('TAP_SCHEMA.key_columns', 'from_column',   'char', '64*', NULL, 'key column name in the from_table', 1, 0, 1, 1),
    ('TAP_SCHEMA.key_columns', 'target_column', 'char', '64*', NULL, 'key column name in the target_table', 1, 0, 1, 2);

-- "size" is the deprecated TAP 1.0 column: the length of a char column, kept equal to arraysize.
UPDATE tap_schema.columns SET "size" = CAST(rtrim(arraysize, '*') AS integer)
WHERE table_name LIKE 'TAP\_SCHEMA.%' AND arraysize ~ '^[0-9]+\*?$';

INSERT INTO tap_schema.keys (key_id, from_table, target_table, description) VALUES
    ('tables_schema_name',    'TAP_SCHEMA.tables',      'TAP_SCHEMA.schemas', 'the schema of a table'),
    ('columns_table_name',    'TAP_SCHEMA.columns',     'TAP_SCHEMA.tables',  'the table of a column'),
    ('keys_from_table',       'TAP_SCHEMA.keys',        'TAP_SCHEMA.tables',  'the table a key starts from'),
    ('keys_target_table',     'TAP_SCHEMA.keys',        'TAP_SCHEMA.tables',  'the table a key points to'),
    ('key_columns_key_id',    'TAP_SCHEMA.key_columns', 'TAP_SCHEMA.keys',    'the key of a key column');

INSERT INTO tap_schema.key_columns (key_id, from_column, target_column) VALUES
    ('tables_schema_name', 'schema_name',  'schema_name'),
    ('columns_table_name', 'table_name',   'table_name'),
    ('keys_from_table',    'from_table',   'table_name'),
    ('keys_target_table',  'target_table', 'table_name'),
    ('key_columns_key_id', 'key_id',       'key_id');

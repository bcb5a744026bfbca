-- DataLink 1.1 {links}: the links an archive publishes for its identifiers, filled by the archive
-- (or `tap admin demo` for demo.stars), read by /links. Column names and meanings are those of the
-- links table DataLink 1.1 section 3.2 defines; exactly one of access_url, service_def and
-- error_message is given per row. access_url may be absolute, or relative to the service's base URL
-- (e.g. 'sync?...') for links to the service's own endpoints.
CREATE SCHEMA IF NOT EXISTS tap_links;

CREATE TABLE tap_links.links (
    id                text    NOT NULL,
    access_url        text,
    service_def       text,
    error_message     text,
    semantics         text    NOT NULL,
    description       text,
    content_type      text,
    content_length    bigint  CHECK (content_length >= 0),
    content_qualifier text,
    local_semantics   text,
    -- the order of an id's links in a response
    link_index        integer NOT NULL DEFAULT 0,
    CHECK (num_nonnulls(access_url, service_def, error_message) = 1)
);
CREATE INDEX links_id ON tap_links.links (id, link_index);

-- The service descriptors a links row names in service_def: a RESOURCE with this XML ID is
-- written after the links table whenever one of its rows names it. access_url may be relative to
-- the service's base URL, as above.
CREATE TABLE tap_links.services (
    service_id   text NOT NULL PRIMARY KEY CHECK (service_id ~ '^[A-Za-z_][A-Za-z0-9_.-]*$'),
    standard_id  text,
    access_url   text NOT NULL,
    content_type text,
    description  text
);
ALTER TABLE tap_links.links ADD FOREIGN KEY (service_def) REFERENCES tap_links.services (service_id);

-- The input parameters of those services, as PARAMs of the GROUP inputParams.
CREATE TABLE tap_links.service_params (
    service_id  text    NOT NULL REFERENCES tap_links.services (service_id) ON DELETE CASCADE,
    name        text    NOT NULL,
    datatype    text    NOT NULL DEFAULT 'char',
    arraysize   text             DEFAULT '*',
    ucd         text,
    unit        text,
    value       text    NOT NULL DEFAULT '',
    description text,
    param_index integer NOT NULL DEFAULT 0,
    PRIMARY KEY (service_id, name)
);

-- Which published columns hold identifiers that /links knows: a TAP result with such a column
-- carries a service descriptor for /links whose ID parameter refers to that column's FIELD.
-- Names as in TAP_SCHEMA (table_name as in TAP_SCHEMA.tables, column_name as in TAP_SCHEMA.columns).
CREATE TABLE tap_links.id_columns (
    table_name  varchar(128) NOT NULL,
    column_name varchar(64)  NOT NULL,
    PRIMARY KEY (table_name, column_name)
);

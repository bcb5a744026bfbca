-- Runs once, on an empty data directory: the database the service expects, with pgsphere.
-- The service creates its own schemas (TAP_SCHEMA, tap_uws) when it starts.
CREATE DATABASE tap;
\connect tap
CREATE EXTENSION pg_sphere;

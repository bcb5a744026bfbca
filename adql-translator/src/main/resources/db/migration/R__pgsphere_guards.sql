-- Guards the translator's SQL calls instead of handing pgsphere 1.2.0 what it cannot take
-- (docs/design-notes.md, "Geometry pgsphere must not see"). A Flyway repeatable migration:
-- it runs again whenever it changes, and only replaces functions, so it is safe to rerun.
--
-- pgsphere's spoly(spoint) aggregate crashes the server process, and PostgreSQL then resets
-- every connection of the cluster, when its first vertex is NULL; a NULL vertex after the first
-- is skipped, so the polygon silently loses a corner. A vertex that is not a finite position
-- (NaN, an infinity) makes a polygon that answers nonsense.
-- tap_polygon builds a POLYGON only from vertices that are all there and finite: NULL if one
-- is NULL (as a POINT with a NULL coordinate is NULL), an error naming the vertex otherwise.
--
-- IMMUTABLE, so that PostgreSQL computes a polygon of constants once, while planning, and an
-- index can answer a containment in it. Errors are SQLSTATE 22023, a data error: the service
-- answers 400 with the message.
CREATE SCHEMA IF NOT EXISTS tap_schema;

-- vertices as spoints: POLYGON(POINT(...), ...) and POLYGON of other geometry values
CREATE OR REPLACE FUNCTION tap_schema.tap_polygon(vertices spoint[])
    RETURNS spoly
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    polygon spoly;
BEGIN
    FOR i IN 1 .. cardinality(vertices) LOOP
        IF vertices[i] IS NULL THEN
            RETURN NULL;
        END IF;
    END LOOP;
    FOR i IN 1 .. cardinality(vertices) LOOP
        -- spoint() turns NaN and infinite coordinates into NaN; NaN = NaN in PostgreSQL
        IF long(vertices[i]) = 'NaN' OR lat(vertices[i]) = 'NaN' THEN
            RAISE EXCEPTION 'POLYGON vertex % is not a finite position', i USING ERRCODE = 'invalid_parameter_value';
        END IF;
    END LOOP;
    -- the aggregate, now that no vertex is NULL (its steps called one by one crash too, on a
    -- repeated vertex)
    SELECT spoly(vertex.p ORDER BY vertex.i) INTO polygon FROM unnest(vertices) WITH ORDINALITY AS vertex(p, i);
    IF polygon IS NULL THEN
        RAISE EXCEPTION 'POLYGON is not a valid polygon: it needs at least three distinct vertices, no edge of'
            ' 180 degrees or more, and edges that do not cross' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN polygon;
END
$$;

-- vertices as longitude, latitude pairs in degrees: POLYGON(ra1, dec1, ra2, dec2, ...)
CREATE OR REPLACE FUNCTION tap_schema.tap_polygon(coordinates double precision[])
    RETURNS spoly
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
DECLARE
    vertices spoint[] := '{}';
    longitude double precision;
    latitude double precision;
BEGIN
    FOR i IN 1 .. cardinality(coordinates) / 2 LOOP
        longitude := coordinates[2 * i - 1];
        latitude := coordinates[2 * i];
        IF longitude IS NULL OR latitude IS NULL THEN
            RETURN NULL;
        END IF;
        -- false for NaN too, which PostgreSQL sorts above infinity
        IF NOT (longitude > '-Infinity' AND longitude < 'Infinity' AND latitude > '-Infinity' AND latitude < 'Infinity') THEN
            RAISE EXCEPTION 'POLYGON vertex % is not a finite position (%, %)', i, longitude, latitude
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        -- checked here, in degrees: spoint() would move it over the pole
        IF abs(latitude) > 90 THEN
            RAISE EXCEPTION 'POLYGON vertex % has latitude %, beyond ±90 degrees', i, latitude
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        vertices := vertices || spoint(radians(longitude), radians(latitude));
    END LOOP;
    RETURN tap_schema.tap_polygon(vertices);
END
$$;

-- whoever may run queries may call them (the default, stated should a site revoke it)
GRANT EXECUTE ON FUNCTION tap_schema.tap_polygon(spoint[]), tap_schema.tap_polygon(double precision[]) TO PUBLIC;

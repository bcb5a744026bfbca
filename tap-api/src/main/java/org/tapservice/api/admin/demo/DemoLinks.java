package org.tapservice.api.admin.demo;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * DataLink links for demo.stars, generated in SQL from the rows and keyed by designation (a text
 * identifier, as DataLink IDs are; clients such as pyvo compare them with the links' ID column as
 * text): every tenth star (source_id a multiple of 10) has its own row as VOTable (#this, a TAP query on this service), a DSS2 colour
 * image of its field (#preview, from CDS's hips2fits, so a link to elsewhere), and a cone search
 * around it (#auxiliary, a service descriptor); the other stars answer NotFoundFault, as an
 * archive's sources without products do. Their rows are told from an archive's own by
 * local_semantics 'demo-...', and replaced at each load.
 */
final class DemoLinks {

    static final String NEIGHBOURS = "demo_neighbours";

    private static final List<String> STATEMENTS = List.of(
            "DELETE FROM tap_links.links WHERE local_semantics LIKE 'demo-%'",
            """
            INSERT INTO tap_links.services (service_id, standard_id, access_url, content_type, description)
            VALUES ('demo_neighbours', 'ivo://ivoa.net/std/ConeSearch', 'scs/demo.stars', 'application/x-votable+xml',
                    'Stars of demo.stars around a position (Simple Cone Search); give the star''s ra and dec')
            ON CONFLICT (service_id) DO UPDATE SET standard_id = EXCLUDED.standard_id,
                access_url = EXCLUDED.access_url, content_type = EXCLUDED.content_type,
                description = EXCLUDED.description""",
            "DELETE FROM tap_links.service_params WHERE service_id = 'demo_neighbours'",
            """
            INSERT INTO tap_links.service_params
                (service_id, name, datatype, arraysize, ucd, value, description, param_index) VALUES
                ('demo_neighbours', 'RA', 'double', NULL, 'pos.eq.ra;meta.main', '0', 'Right ascension (ICRS, degrees)', 0),
                ('demo_neighbours', 'DEC', 'double', NULL, 'pos.eq.dec;meta.main', '0', 'Declination (ICRS, degrees)', 1),
                ('demo_neighbours', 'SR', 'double', NULL, 'pos.angDistance', '0.1', 'Search radius (degrees)', 2)""",
            """
            INSERT INTO tap_links.links (id, access_url, service_def, semantics, description, content_type,
                                         local_semantics, link_index)
            SELECT s.designation, l.access_url, l.service_def, l.semantics, l.description, l.content_type,
                   l.local_semantics, l.link_index
            FROM demo.stars s CROSS JOIN LATERAL (VALUES
                ('sync?REQUEST=doQuery&LANG=ADQL&QUERY=SELECT%20*%20FROM%20demo.stars%20WHERE%20source_id%20%3D%20'
                    || s.source_id, NULL, '#this', 'This star''s row of demo.stars', 'application/x-votable+xml',
                    'demo-row', 0),
                ('https://alasky.cds.unistra.fr/hips-image-services/hips2fits?hips=CDS%2FP%2FDSS2%2Fcolor&width=300'
                    || '&height=300&fov=0.1&projection=TAN&format=png&ra=' || round(s.ra::numeric, 6)
                    || '&dec=' || round(s.dec::numeric, 6), NULL, '#preview',
                    'DSS2 colour image of the 0.1 degree field around the star (CDS hips2fits)', 'image/png',
                    'demo-preview', 1),
                (NULL, 'demo_neighbours', '#auxiliary', 'Stars within 0.1 degree of a position (cone search)',
                    'application/x-votable+xml', 'demo-neighbours', 2)
            ) AS l (access_url, service_def, semantics, description, content_type, local_semantics, link_index)
            WHERE s.source_id % 10 = 0""",
            "INSERT INTO tap_links.id_columns (table_name, column_name) VALUES ('demo.stars', 'designation') "
                    + "ON CONFLICT DO NOTHING",
            "ANALYZE tap_links.links");

    private final JdbcTemplate jdbc;

    DemoLinks(JdbcTemplate jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    /** Replaces the demo's links; runs in the caller's transaction, after demo.stars is in place. */
    void load() {
        STATEMENTS.forEach(jdbc::execute);
    }
}

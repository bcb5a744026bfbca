package org.tapservice.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The demo catalogue on the real PostgreSQL, in a throwaway database. */
class DemoCommandTest {

    private static final String CHECKSUM =
            "SELECT md5(string_agg(s::text, E'\\n' ORDER BY source_id)) FROM demo.stars s";

    private static AdminHarness harness;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void createDatabase() {
        harness = new AdminHarness();
        jdbc = harness.jdbc();
    }

    @AfterAll
    static void dropDatabase() {
        harness.close();
    }

    @Test
    void demo_RunTwice_ShouldGiveIdenticalRowsAndPublishThem() {
        var first = harness.run("demo", "--rows", "1000");
        String firstChecksum = jdbc.queryForObject(CHECKSUM, String.class);
        var second = harness.run("demo", "--rows", "1000");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("published demo.stars (table): 12 columns", "1,000 rows copied");
        assertThat(jdbc.queryForObject(CHECKSUM, String.class)).isEqualTo(firstChecksum);
        assertThat(jdbc.queryForMap("""
                SELECT count(*) AS n, count(parallax) AS parallaxes, count(bp_rp) AS colours,
                       min(dec) >= -90 AND max(dec) <= 90 AND min(ra) >= 0 AND max(ra) < 360 AS in_range
                FROM demo.stars
                """)).satisfies(stats -> {
                    assertThat(stats).containsEntry("n", 1000L).containsEntry("in_range", true);
                    assertThat((Long) stats.get("parallaxes")).isBetween(850L, 950L);
                    assertThat((Long) stats.get("colours")).isBetween(920L, 990L);
                });
        assertThat(jdbc.queryForList("SELECT column_name FROM tap_schema.columns WHERE table_name = 'demo.stars' "
                + "AND (unit IS NULL) AND (description IS NULL)")).isEmpty();
        assertThat(jdbc.queryForMap("SELECT unit, ucd, indexed FROM tap_schema.columns "
                + "WHERE table_name = 'demo.stars' AND column_name = 'ra'"))
                .isEqualTo(Map.of("unit", "deg", "ucd", "pos.eq.ra;meta.main", "indexed", 1));
        assertThat(jdbc.queryForList("SELECT column_name FROM tap_schema.columns WHERE table_name = 'demo.stars' "
                + "AND unit = 'mas/yr' ORDER BY column_index", String.class)).containsExactly("pmra", "pmdec");
    }

    @Test
    void demo_ConeSearch_ShouldUseThePositionIndex() {
        assertThat(harness.run("demo", "--rows", "2000").exitCode()).isZero();

        // With 2,000 rows a sequential scan is cheaper; what matters is that the translator's
        // expression matches the index at all, so take the sequential scan off the table.
        List<String> plan = jdbc.execute((java.sql.Connection c) -> {
            try (var s = c.createStatement()) {
                s.execute("SET enable_seqscan = off");
                var rows = s.executeQuery("""
                        EXPLAIN SELECT * FROM demo.stars
                        WHERE spoint(radians(ra), radians(dec)) <@ scircle(spoint(radians(10), radians(20)), radians(0.1))
                        LIMIT 100
                        """);
                var lines = new java.util.ArrayList<String>();
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
                s.execute("RESET enable_seqscan");
                return lines;
            }
        });
        assertThat(String.join("\n", plan)).contains("stars_pos");
    }
}

package org.tapservice.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.testing.SampleCatalogue;
import org.tapservice.core.testing.SettableClock;
import org.tapservice.core.testing.TestDatabase;

/**
 * The catalogue is re-read every refresh interval; when TAP_SCHEMA's database is down the last
 * catalogue serves on, so that queries on the archive go on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogCacheTest {

    private static final Duration REFRESH = Duration.ofSeconds(30);

    private TestDatabase database;

    @BeforeAll
    void create() {
        database = TestDatabase.create();
        SampleCatalogue.install(database);
    }

    @AfterAll
    void drop() {
        database.close();
    }

    @Test
    void aCatalogueThatCannotBeReReadIsKeptUntilTheDatabaseIsBack() {
        SettableClock clock = new SettableClock(Instant.parse("2025-01-01T00:00:00Z"));
        HikariDataSource pool = pool(database.jdbcUrl());
        CatalogCache cache = new CatalogCache(new TapSchemaLoader(pool), REFRESH, clock);
        TapSchemaCatalog loaded = cache.current();

        pool.close();
        clock.advance(REFRESH.plusSeconds(1));

        assertThat(cache.current()).as("the last catalogue, TAP_SCHEMA being unreadable").isSameAs(loaded);
        assertThat(loaded.schema().table("science.sources")).isPresent();
    }

    @Test
    void withoutAnyCatalogueYetAnUnreachableDatabaseIsAnOutage() {
        // a port nothing listens on
        try (HikariDataSource down = pool("jdbc:postgresql://127.0.0.1:9/tap")) {
            CatalogCache cache = new CatalogCache(new TapSchemaLoader(down), REFRESH,
                    new SettableClock(Instant.parse("2025-01-01T00:00:00Z")));

            assertThatThrownBy(cache::current).isInstanceOfSatisfying(TapException.class,
                    e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
                    .hasMessageContaining("TAP_SCHEMA cannot be reached");
        }
    }

    private HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(database.user());
        config.setConnectionTimeout(250);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}

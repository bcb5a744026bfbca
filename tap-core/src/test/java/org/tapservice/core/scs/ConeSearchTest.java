package org.tapservice.core.scs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tapservice.adql.AdqlTranslator;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.dali.DaliParameters;
import org.tapservice.core.query.ExecutionSettings;
import org.tapservice.core.query.QueryEngine;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TapSchemaLoader;
import org.tapservice.core.tap.OutputLimits;
import org.tapservice.core.testing.SampleCatalogue;
import org.tapservice.core.testing.TestDatabase;
import org.tapservice.core.testing.TestUploads;
import org.tapservice.votable.ResultFormats;

/** Which tables a cone search serves: by their TAP_SCHEMA UCDs, or the configured list. */
class ConeSearchTest {

    private static final OutputLimits LIMITS = new OutputLimits(100, 1000);

    private static TestDatabase database;
    private static HikariDataSource archive;
    private static QueryEngine engine;
    private static CatalogCache catalogs;

    @BeforeAll
    static void createCatalogue() {
        database = TestDatabase.create();
        SampleCatalogue.install(database);
        database.execute("""
                CREATE TABLE science.twins AS SELECT id, ra, dec FROM science.sources;
                INSERT INTO tap_schema.tables (schema_name, table_name, description)
                VALUES ('science', 'science.twins', 'The sources again, with their UCDs');
                INSERT INTO tap_schema.columns (table_name, column_name, datatype, ucd, principal, column_index)
                VALUES ('science.twins', 'id', 'long', 'meta.id;meta.main', 1, 0),
                       ('science.twins', 'ra', 'double', 'pos.eq.ra;meta.main', 1, 1),
                       ('science.twins', 'dec', 'double', 'pos.eq.dec;meta.main', 1, 2);
                """);
        archive = database.archive(Duration.ofSeconds(30));
        catalogs = new CatalogCache(new TapSchemaLoader(database.dataSource()), Duration.ofMinutes(1), Clock.systemUTC());
        engine = new QueryEngine(archive, new AdqlTranslator(), catalogs, ResultFormats.standard(),
                new ExecutionSettings(100), TestUploads.standard());
    }

    @AfterAll
    static void drop() {
        archive.close();
        database.close();
    }

    private static String search(ConeSearch cones, String table, String... namesAndValues) throws Exception {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        ConeSearchRequest request = ConeSearchRequest.parse(DaliParameters.of(values), List.copyOf(values.keySet()),
                LIMITS, 10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cones.search(cones.table(table), request, Optional.empty(), contentType -> out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutAListEveryTableWithTheThreeUcdsIsServed() {
        ConeSearch cones = new ConeSearch(engine, catalogs, List.of());

        assertThat(cones.tables()).extracting(table -> table.table().name())
                .containsExactlyInAnyOrder("science.sources", "science.twins");
    }

    @Test
    void aConfiguredListServesItsTablesOnlyAndTheOthersAnswerNotFound() throws Exception {
        ConeSearch cones = new ConeSearch(engine, catalogs, List.of("science.twins"));

        assertThat(cones.tables()).extracting(table -> table.table().name()).containsExactly("science.twins");
        assertThat(search(cones, "SCIENCE.TWINS", "RA", "10.5", "DEC", "10", "SR", "0.05"))
                .contains("<TD>5</TD>");
        assertThatThrownBy(() -> cones.table("science.sources")).isInstanceOfSatisfying(TapException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
            assertThat(e.getMessage()).contains("science.twins");
        });
    }

    @Test
    void aNumericIdentifierIsWrittenAsTextAndTheRequestIsEchoedAsInfos() throws Exception {
        ConeSearch cones = new ConeSearch(engine, catalogs, List.of());

        String result = search(cones, "science.sources", "RA", "10.5", "DEC", "10", "SR", "0.15", "VERB", "1");

        assertThat(result).contains("<FIELD ID=\"id\" arraysize=\"*\" datatype=\"char\" name=\"id\" "
                + "ucd=\"meta.id;meta.main\">");
        assertThat(result).contains("<INFO name=\"RA\" value=\"10.5\"/>", "<INFO name=\"SR\" value=\"0.15\"/>",
                "<INFO name=\"VERB\" value=\"1\"/>", "<INFO name=\"TABLE\" value=\"science.sources\"/>")
                .contains(">ivo://ivoa.net/std/ConeSearch</INFO>");
        assertThat(result.indexOf("<TD>5</TD>")).isPositive().isLessThan(result.indexOf("<TD>4</TD>"));
    }
}

package org.tapservice.core.query;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.tapservice.adql.AdqlTranslator;
import org.tapservice.adql.TranslatedQuery;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.TapSchemaCatalog;
import org.tapservice.core.tap.QueryRequest;
import org.tapservice.core.testing.TestUploads;
import org.tapservice.votable.ColumnMetadata;
import org.tapservice.votable.ResultFormats;

/**
 * ADQL on a test archive as the service runs it: the FIELDs a query's columns are described
 * by, and its whole answer in a format. Shared by the tests of how result values are written.
 */
record ArchiveQueries(DataSource archive, CatalogCache catalogs) {

    private static final AdqlTranslator TRANSLATOR = new AdqlTranslator();

    List<ColumnMetadata> fields(String adql) throws SQLException {
        TapSchemaCatalog catalog = catalogs.current();
        TranslatedQuery query = TRANSLATOR.translate(adql, catalog, OptionalLong.of(10));
        try (Connection connection = archive.getConnection();
             PreparedStatement statement = connection.prepareStatement(query.sql())) {
            return ResultColumns.describe(query.columns(), catalog, statement.getMetaData());
        }
    }

    String run(String adql, String format) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        new QueryEngine(archive, TRANSLATOR, catalogs, ResultFormats.standard(), new ExecutionSettings(100),
                TestUploads.standard())
                .execute(new QueryRequest(adql, 100, Optional.of(format), Optional.empty()), type -> body);
        return body.toString(StandardCharsets.UTF_8);
    }
}

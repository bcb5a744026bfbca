package org.tapservice.core.upload;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.postgresql.util.PSQLException;
import org.tapservice.core.TapException;
import org.tapservice.core.schema.DescribedCatalog;
import org.tapservice.core.schema.LayeredCatalog;
import org.tapservice.core.schema.SchemaDescription;
import org.tapservice.core.schema.TableDescription;
import org.tapservice.core.schema.TapSchema;
import org.tapservice.core.schema.TapSchemaCatalog;

/**
 * TAP_UPLOAD: a request's uploaded tables, first fetched (parts of the request, downloads, an
 * async job's stored copies), then loaded into temporary tables of the very transaction the
 * query runs in, and offered to the translator as schema TAP_UPLOAD over the published tables.
 *
 * <p>The archive's sessions are read-only ({@code default_transaction_read_only}), and PostgreSQL
 * refuses CREATE TEMPORARY TABLE in a read-only transaction. A transaction with uploads therefore
 * starts READ WRITE (the mode may be chosen only before its first query), creates and fills its
 * tables, and turns READ ONLY before the user's query runs; PostgreSQL lets a transaction give up
 * writing at any point, never take it up again. The query thus runs exactly as read-only as
 * without uploads. {@code default_transaction_read_only} guards against mistakes, not attacks
 * (any session may change it, though ADQL cannot express a SET): the archive role's privileges
 * are the security boundary, and it needs nothing beyond SELECT on the published tables and
 * TEMPORARY on the database, which PostgreSQL grants to PUBLIC unless revoked.
 */
public final class TableUploads {

    /** SQLSTATE classes of a COPY that mean the values, not the database, are at fault. */
    private static final List<String> DATA_FAULTS = List.of("22", "XX");

    private final UploadLimits limits;
    private final RemoteTableFetcher remote;

    public TableUploads(UploadLimits limits, RemoteTableFetcher remote) {
        this.limits = requireNonNull(limits, "limits is null");
        this.remote = requireNonNull(remote, "remote is null");
    }

    public UploadLimits limits() {
        return limits;
    }

    /**
     * The bytes of every upload: parts from {@code parts}, URLs downloaded (before any database
     * connection is taken, so a slow host holds none).
     *
     * @throws TapException (400) for too many tables, a part the request lacks, a table over the
     *         byte limit, or a URL that cannot or may not be fetched
     */
    public FetchedUploads fetch(List<TableUpload> uploads, UploadParts parts) throws IOException {
        if (uploads.size() > limits.maxTables()) {
            throw TapException.invalid("UPLOAD names " + uploads.size() + " tables; this service accepts at most "
                    + limits.maxTables() + " in one request");
        }
        FetchedUploads fetched = new FetchedUploads();
        try {
            for (TableUpload upload : uploads) {
                UploadContent content = switch (upload.source()) {
                    case UploadSource.InlinePart(String part) -> parts.part(part).orElseThrow(() ->
                            TapException.invalid("UPLOAD " + upload.name() + ",param:" + part + " names no part of "
                                    + "the request: send the table as a multipart/form-data part called '" + part
                                    + "'"));
                    case UploadSource.RemoteTable(URI url) -> {
                        SpooledTable download = remote.fetch(upload.name(), url, limits.maxBytes());
                        fetched.own(download);
                        yield download;
                    }
                };
                if (content.size().orElse(0) > limits.maxBytes()) {
                    throw TapException.invalid("upload '" + upload.name() + "' has " + content.size().getAsLong()
                            + " bytes; this service accepts at most " + limits.maxBytes());
                }
                fetched.add(upload.name(), content);
            }
            return fetched;
        } catch (IOException | RuntimeException e) {
            fetched.close();
            throw e;
        }
    }

    /**
     * Loads the uploads into temporary tables of the connection's transaction, which must not
     * have run a query yet, and leaves the transaction read-only.
     *
     * @return the catalogue to translate the query against: TAP_UPLOAD over {@code published}
     * @throws TapException (400) for an upload that is not a readable table, breaks a limit, or
     *         has values PostgreSQL cannot store
     * @throws SQLException when the database fails otherwise
     */
    public DescribedCatalog load(Connection connection, FetchedUploads uploads, DescribedCatalog published)
            throws SQLException, IOException {
        execute(connection, "SET TRANSACTION READ WRITE");
        List<TableDescription> tables = new ArrayList<>();
        List<FetchedUploads.Fetched> fetched = uploads.tables();
        for (int i = 0; i < fetched.size(); i++) {
            tables.add(load(connection, fetched.get(i), "tap_upload_" + (i + 1)));
        }
        for (TableDescription table : tables) {
            // the planner's row estimates for the joins the query makes with the table
            execute(connection, "ANALYZE " + table.sqlTable());
        }
        execute(connection, "SET TRANSACTION READ ONLY");
        TapSchema schema = new TapSchema(List.of(new SchemaDescription(TableUpload.SCHEMA, null,
                "Tables uploaded with the query", tables)));
        return new LayeredCatalog(new TapSchemaCatalog(schema), published);
    }

    private TableDescription load(Connection connection, FetchedUploads.Fetched upload, String sqlTable)
            throws SQLException, IOException {
        UploadFormat format = UploadFormat.of(upload.name(), upload.content());
        TemporaryTable table = new TemporaryTable(connection, upload.name(), sqlTable, limits);
        try {
            TableReader.of(format).read(upload.content(), table);
            return table.description();
        } catch (IOException e) {
            table.abort();
            Optional<SQLException> database = sqlCause(e);
            if (database.isEmpty()) {
                throw TapException.invalid("upload '" + upload.name() + "' is not a readable " + format.title()
                        + " table: " + message(e));
            }
            SQLException failure = database.get();
            String state = failure.getSQLState() == null ? "" : failure.getSQLState();
            if (DATA_FAULTS.stream().anyMatch(state::startsWith)) {
                throw TapException.invalid("upload '" + upload.name() + "' has values the database cannot store: "
                        + primaryMessage(failure));
            }
            throw failure;
        } catch (RuntimeException e) {
            table.abort();
            throw e;
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Optional<SQLException> sqlCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    private static String primaryMessage(SQLException e) {
        return e instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? psql.getServerErrorMessage().getMessage() : e.getMessage();
    }

    private static String message(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}

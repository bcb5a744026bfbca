package org.tapservice.core.query;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tapservice.adql.AdqlException;
import org.tapservice.adql.AdqlTranslator;
import org.tapservice.adql.LiteralBinding;
import org.tapservice.adql.TranslatedQuery;
import org.tapservice.core.TapException;
import org.tapservice.core.results.CountingOutputStream;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.DescribedCatalog;
import org.tapservice.core.schema.TapSchemaCatalog;
import org.tapservice.core.tap.QueryRequest;
import org.tapservice.core.upload.FetchedUploads;
import org.tapservice.core.upload.TableUploads;
import org.tapservice.core.upload.UploadParts;
import org.tapservice.votable.ColumnMetadata;
import org.tapservice.votable.Info;
import org.tapservice.votable.ResultFormats;
import org.tapservice.votable.ResultTable;
import org.tapservice.votable.RowCursor;
import org.tapservice.votable.ResultWriter;
import org.tapservice.votable.ServiceDescriptor;
import org.tapservice.votable.WriteSummary;

/**
 * Runs a TAP query: ADQL is translated against the current TAP_SCHEMA (and the request's
 * uploaded tables, see {@link TableUploads}) and run on the archive database (read-only, under a
 * statement timeout: see {@link ArchiveSession}), and its rows are streamed straight into the
 * requested format, through a server-side cursor when there can be many. Nothing is written to the
 * sink before the query has started returning rows, so every earlier failure can still be
 * reported as an error document.
 */
public final class QueryEngine {

    private static final Logger log = LoggerFactory.getLogger(QueryEngine.class);

    private final DataSource archive;
    private final AdqlTranslator translator;
    private final CatalogCache catalogs;
    private final ResultFormats formats;
    private final ExecutionSettings settings;
    private final TableUploads uploads;
    private final QueryObserver observer;

    public QueryEngine(DataSource archive, AdqlTranslator translator, CatalogCache catalogs,
                       ResultFormats formats, ExecutionSettings settings, TableUploads uploads) {
        this(archive, translator, catalogs, formats, settings, uploads, QueryObserver.NONE);
    }

    /** @param observer told how each query ended (metrics) */
    public QueryEngine(DataSource archive, AdqlTranslator translator, CatalogCache catalogs,
                       ResultFormats formats, ExecutionSettings settings, TableUploads uploads,
                       QueryObserver observer) {
        this.observer = requireNonNull(observer, "observer is null");
        this.archive = requireNonNull(archive, "archive is null");
        this.translator = requireNonNull(translator, "translator is null");
        this.catalogs = requireNonNull(catalogs, "catalogs is null");
        this.formats = requireNonNull(formats, "formats is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.uploads = requireNonNull(uploads, "uploads is null");
    }

    /** The writer for a request's RESPONSEFORMAT, checked before anything runs. */
    public ResultWriter writerFor(QueryRequest request) {
        return request.responseFormat()
                .map(format -> formats.forResponseFormat(format).orElseThrow(() -> TapException.invalid(
                        "unsupported RESPONSEFORMAT '" + format + "'; supported formats: " + supportedFormats())))
                .orElseGet(formats::defaultWriter);
    }

    /**
     * Runs a sync query without uploads: the session's statement timeout, stopped only by the
     * client hanging up.
     */
    public WriteSummary execute(QueryRequest request, ResultSink sink) throws IOException {
        return execute(request, UploadParts.none(), sink, QueryControl.sessionDefaults());
    }

    /**
     * Runs a query.
     *
     * @param parts where the request's {@code param:} uploads are
     */
    public WriteSummary execute(QueryRequest request, UploadParts parts, ResultSink sink, QueryControl control)
            throws IOException {
        return execute(request, parts, sink, control, ResultAnnotations.TAP);
    }

    /**
     * Runs a query whose result the given protocol annotates.
     *
     * @param parts where the request's {@code param:} uploads are
     */
    public WriteSummary execute(QueryRequest request, UploadParts parts, ResultSink sink, QueryControl control,
                                ResultAnnotations annotations) throws IOException {
        ResultWriter writer = writerFor(request);
        long start = System.nanoTime();
        CountingSink counted = new CountingSink(sink);
        try {
            WriteSummary summary = execute(request, parts, counted, control, annotations, writer);
            observe(writer, summary.overflow() ? QueryOutcome.Status.OVERFLOW : QueryOutcome.Status.OK,
                    summary.rowsWritten(), counted, start);
            return summary;
        } catch (IOException | RuntimeException e) {
            observe(writer, QueryOutcome.Status.ERROR, 0, counted, start);
            throw e;
        }
    }

    private void observe(ResultWriter writer, QueryOutcome.Status status, long rows, CountingSink counted, long start) {
        observer.finished(new QueryOutcome(writer.formatName(), status, rows, counted.bytes(),
                Duration.ofNanos(System.nanoTime() - start)));
    }

    private WriteSummary execute(QueryRequest request, UploadParts parts, ResultSink sink, QueryControl control,
                                 ResultAnnotations annotations, ResultWriter writer) throws IOException {
        TapSchemaCatalog published = catalogs.current();
        if (request.uploads().isEmpty()) {
            TranslatedQuery query = translate(request, published);
            boolean useCursor = needsCursor(query);
            return onConnection(useCursor || control.timeLimit().isPresent(), control, logged(query), connection ->
                    run(connection, query, useCursor, published, request, writer, sink, control, annotations));
        }
        // Uploads are fetched before a connection is taken, and loaded in the query's own
        // transaction: temporary tables are seen by their transaction only, and go with it.
        try (FetchedUploads fetched = uploads.fetch(request.uploads(), parts)) {
            return onConnection(true, control, request.adql(), connection -> {
                DescribedCatalog catalog = uploads.load(connection, fetched, published);
                TranslatedQuery query = translate(request, catalog);
                return run(connection, query, needsCursor(query), catalog, request, writer, sink, control, annotations);
            });
        }
    }

    /** The sink's stream, counted: how many bytes a query wrote, for its observer. */
    private static final class CountingSink implements ResultSink {
        private final ResultSink sink;
        private CountingOutputStream out;

        CountingSink(ResultSink sink) {
            this.sink = requireNonNull(sink, "sink is null");
        }

        @Override
        public OutputStream open(String contentType) throws IOException {
            out = new CountingOutputStream(sink.open(contentType));
            return out;
        }

        long bytes() {
            return out == null ? 0 : out.count();
        }
    }

    /** What a run does with its connection. */
    @FunctionalInterface
    private interface ConnectionWork {
        WriteSummary run(Connection connection) throws SQLException, IOException;
    }

    /**
     * Runs work on an archive connection: in a transaction when asked (a cursor, a time limit
     * of the run's own or temporary tables need one), else in autocommit mode, where a small
     * result arrives in one round trip.
     *
     * @param statement what the run executes, for the log should the database fail it
     */
    private WriteSummary onConnection(boolean transaction, QueryControl control, String statement,
                                      ConnectionWork work) throws IOException {
        try (Connection connection = archive.getConnection()) {
            connection.setAutoCommit(!transaction);
            try {
                if (control.timeLimit().isPresent()) {
                    setTimeLimit(connection, control.timeLimit().get());
                }
                WriteSummary summary = work.run(connection);
                if (transaction) {
                    connection.commit();
                }
                return summary;
            } catch (SQLException | IOException | RuntimeException e) {
                if (transaction) {
                    rollback(connection, e);
                }
                throw e;
            }
        } catch (SQLException e) {
            log.warn("query failed before streaming: {} [{}]", e.getMessage(), statement);
            throw SqlErrors.toTapException(e);
        }
    }

    /** A statement as the log shows it: the SQL, and the values of its parameters when it has some. */
    private static String logged(TranslatedQuery query) {
        return query.parameters().isEmpty() ? query.sql() : query.sql() + " with parameters " + query.parameters();
    }

    /** A large result is read through a cursor, which PostgreSQL keeps only inside a transaction. */
    private boolean needsCursor(TranslatedQuery query) {
        return query.maxRows().orElse(Long.MAX_VALUE) > settings.fetchSize();
    }

    /** Rolls back after a failure, which stays the failure reported. */
    private static void rollback(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * The query's SQL, its numbers as parameters: one statement for every cone search, prepared
     * once per connection. A large result's query has them in its text, for a COPY takes no
     * parameters; it is translated a second time, which costs nothing beside its rows.
     */
    private TranslatedQuery translate(QueryRequest request, DescribedCatalog catalog) {
        TranslatedQuery query = translate(request, catalog, LiteralBinding.PARAMETERS);
        return settings.copyResults() && needsCursor(query) && !query.parameters().isEmpty()
                ? translate(request, catalog, LiteralBinding.INLINE) : query;
    }

    private TranslatedQuery translate(QueryRequest request, DescribedCatalog catalog, LiteralBinding binding) {
        try {
            // one row past MAXREC tells the writer that the result overflowed
            long rowLimit = request.maxrec() == Long.MAX_VALUE ? Long.MAX_VALUE : request.maxrec() + 1;
            return translator.translate(request.adql(), catalog, OptionalLong.of(rowLimit), binding);
        } catch (AdqlException e) {
            throw TapException.invalid("invalid ADQL query: " + e.getMessage());
        }
    }

    private WriteSummary run(Connection connection, TranslatedQuery query, boolean useCursor, DescribedCatalog catalog,
                             QueryRequest request, ResultWriter writer, ResultSink sink, QueryControl control,
                             ResultAnnotations annotations) throws SQLException, IOException {
        Output output = new Output(query, catalog, request, writer, contentType(request, writer), sink, annotations);
        try (PreparedStatement statement = connection.prepareStatement(query.sql(),
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            control.attach(statement);
            query.bindParameters(statement);
            if (!useCursor) {
                try (ResultSet rows = statement.executeQuery()) {
                    List<ColumnMetadata> columns = output.fields(rows.getMetaData());
                    return output.write(columns, new JdbcRowCursor(rows, columns, control, true));
                }
            }
            statement.setFetchSize(settings.fetchSize());
            // Binary results decode doubles and longs without parsing text, the bulk of the
            // cost of a large result; for a few rows the extra Describe round trip it needs
            // would cost more than it saves.
            statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
            if (settings.copyResults() && query.parameters().isEmpty()) {
                // described first (a round trip), for whether every column's type can be copied out
                ResultSetMetaData types = statement.getMetaData();
                List<ColumnMetadata> columns = output.fields(types);
                Optional<CopyFieldDecoder[]> decoders = CopyFieldDecoder.forColumns(columns, types);
                if (decoders.isPresent()) {
                    control.detach();
                    return copy(connection, query, columns, decoders.get(), control, output);
                }
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<ColumnMetadata> columns = output.fields(rows.getMetaData());
                return output.write(columns, new PrefetchingCursor(new JdbcRowCursor(rows, columns, control, false),
                        columns.size()));
            }
        } finally {
            control.detach();
        }
    }

    /** Streams the query's rows out of a COPY in PostgreSQL's binary format. */
    private static WriteSummary copy(Connection connection, TranslatedQuery query, List<ColumnMetadata> columns,
                                     CopyFieldDecoder[] decoders, QueryControl control, Output output)
            throws SQLException, IOException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        QueryControl.Cancellable cancel = postgres::cancelQuery;
        control.attach(cancel);
        CopyOut copy = postgres.getCopyAPI().copyOut("COPY (" + query.sql() + ") TO STDOUT (FORMAT binary)");
        CopyOutCursor rows = new CopyOutCursor(copy, cancel, decoders, control);
        return output.write(columns, new PrefetchingCursor(rows, columns.size()));
    }

    /** Where a run's rows go, and what it says of them: the same whichever way the rows are read. */
    private record Output(TranslatedQuery query, DescribedCatalog catalog, QueryRequest request, ResultWriter writer,
                          String contentType, ResultSink sink, ResultAnnotations annotations) {

        List<ColumnMetadata> fields(ResultSetMetaData types) throws SQLException {
            return annotations.fields(ResultColumns.describe(query.columns(), catalog, types));
        }

        /** Opens the sink only now: everything that failed before can still be an error document. */
        WriteSummary write(List<ColumnMetadata> columns, RowCursor rows) throws IOException {
            try (RowCursor cursor = rows) {
                List<Info> infos = annotations.infos(request, Instant.now());
                List<ServiceDescriptor> services = annotations.services(query.columns(), catalog);
                OutputStream out = sink.open(contentType);
                return writer.write(new ResultTable(columns, cursor, request.maxrec(), infos, services), out);
            } catch (QueryFailedException e) {
                throw writer.marksErrorsInDocument() ? e.markedInDocument() : e;
            }
        }
    }

    /** The run's own statement timeout, for the rest of its transaction. */
    private static void setTimeLimit(Connection connection, Duration limit) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL statement_timeout = " + limit.toMillis());
        }
    }

    /** DALI: a response to RESPONSEFORMAT=text/xml is labelled text/xml, not with the VOTable type. */
    private String contentType(QueryRequest request, ResultWriter writer) {
        return request.responseFormat().flatMap(formats::contentTypeFor).orElseGet(writer::mimeType);
    }

    private String supportedFormats() {
        return String.join(", ", formats.formats().stream()
                .flatMap(format -> format.aliases().stream().limit(1))
                .toList());
    }
}

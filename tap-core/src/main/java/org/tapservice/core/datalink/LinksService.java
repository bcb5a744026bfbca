package org.tapservice.core.datalink;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.tapservice.core.TapException;
import org.tapservice.core.query.ResultInfos;
import org.tapservice.core.query.ResultSink;
import org.tapservice.core.query.SqlErrors;
import org.tapservice.votable.ColumnMetadata;
import org.tapservice.votable.Datatype;
import org.tapservice.votable.Info;
import org.tapservice.votable.ResultFormats;
import org.tapservice.votable.ResultTable;
import org.tapservice.votable.ResultWriter;
import org.tapservice.votable.ServiceDescriptor;
import org.tapservice.votable.ServiceParam;
import org.tapservice.votable.WriteSummary;

/**
 * The DataLink 1.1 {links} endpoint's work: the links of the requested identifiers read from
 * tap_links.links on the archive pool, an identifier with none answered by a NotFoundFault row,
 * each identifier's links kept together and in order, MAXREC applied to whole identifiers (a
 * response never ends within one identifier's links, section 3.2.1), and the service descriptors
 * the written rows name in service_def appended after the table.
 */
public final class LinksService {

    /** The links table's FIELDs: names, datatypes and UCDs as DataLink 1.1 table 1 gives them. */
    static final List<ColumnMetadata> FIELDS = List.of(
            text("ID", "meta.id;meta.main", "Input identifier"),
            text("access_url", "meta.ref.url", "Link to data or service"),
            text("service_def", "meta.ref", "Reference to a service descriptor resource"),
            text("error_message", "meta.code.error", "Error if an access_url cannot be created"),
            text("semantics", "meta.code", "Term from a controlled vocabulary describing the link"),
            text("description", "meta.note", "Human-readable text describing this link"),
            text("content_type", "meta.code.mime", "Media type of the content the link returns"),
            new ColumnMetadata("content_length", Datatype.LONG, null, null, "byte", "phys.size;meta.file", null,
                    "Size of the download the link returns"),
            text("content_qualifier", "meta.code.class", "Nature of the content the link returns"),
            text("local_semantics", "meta.id.assoc", "Identifier relating rows of different IDs in this service"));

    private static final String LINKS = """
            SELECT id, access_url, service_def, error_message, semantics, description, content_type,
                   content_length, content_qualifier, local_semantics
            FROM tap_links.links WHERE id = ANY (?) ORDER BY id, link_index""";
    private static final String SERVICES = """
            SELECT s.service_id, s.standard_id, s.access_url, s.content_type, s.description,
                   p.name, p.datatype, p.arraysize, p.ucd, p.value, p.description
            FROM tap_links.services s LEFT JOIN tap_links.service_params p ON p.service_id = s.service_id
            WHERE s.service_id = ANY (?) ORDER BY s.service_id, p.param_index, p.name""";
    /** DataLink's own media type parameter, which selects no other writer than plain VOTable. */
    private static final Pattern DATALINK_PARAMETER = Pattern.compile("(?i);\\s*content\\s*=\\s*\"?datalink\"?");

    private final DataSource archive;
    private final ResultFormats formats;

    public LinksService(DataSource archive, ResultFormats formats) {
        this.archive = requireNonNull(archive, "archive is null");
        this.formats = requireNonNull(formats, "formats is null");
    }

    /**
     * Answers a request: nothing is written to the sink before the links have been read, so a
     * failure until then can still be an error document.
     *
     * @param baseUrl the service's base URL as the client sees it, for stored relative URLs
     */
    public WriteSummary write(LinksRequest request, String baseUrl, ResultSink sink) throws IOException {
        ResultWriter writer = writerFor(request);
        // every ID takes one row at least, so no more than MAXREC + 1 of them can matter
        List<String> ids = request.ids().subList(0, (int) Math.min(request.ids().size(), request.maxrec() + 1));
        List<Object[]> rows = new ArrayList<>();
        long kept;
        List<ServiceDescriptor> services;
        try (Connection connection = archive.getConnection()) {
            Map<String, List<Link>> links = links(connection, ids);
            Set<String> named = new LinkedHashSet<>();
            kept = -1;
            for (String id : ids) {
                List<Link> ofId = links.getOrDefault(id, List.of(Link.notFound(id)));
                if (kept < 0 && rows.size() + ofId.size() > request.maxrec()) {
                    // the first row past MAXREC tells the writer to mark the overflow
                    kept = rows.size();
                    rows.add(ofId.getFirst().row(baseUrl));
                    break;
                }
                for (Link link : ofId) {
                    rows.add(link.row(baseUrl));
                    if (link.serviceDef() != null) {
                        named.add(link.serviceDef());
                    }
                }
            }
            services = services(connection, List.copyOf(named), baseUrl);
        } catch (SQLException e) {
            throw SqlErrors.toTapException(e);
        }
        OutputStream out = sink.open(writer.mimeType().startsWith("application/x-votable+xml")
                ? DataLink.CONTENT_TYPE : writer.mimeType());
        List<Info> infos = new ArrayList<>();
        request.ids().forEach(id -> infos.add(new Info("ID", id)));
        infos.add(new Info("MAXREC", Long.toString(request.maxrec())));
        request.responseFormat().ifPresent(format -> infos.add(new Info("RESPONSEFORMAT", format)));
        infos.addAll(ResultInfos.service("1.1", DataLink.STANDARD_ID, Instant.now()));
        try (RowList cursor = new RowList(rows)) {
            return writer.write(new ResultTable(FIELDS, cursor, kept < 0 ? rows.size() : kept, infos, services), out);
        }
    }

    /** DataLink 1.1 section 3.2.2: TABLEDATA unless asked otherwise, and content=datalink understood. */
    private ResultWriter writerFor(LinksRequest request) {
        if (request.responseFormat().isEmpty()) {
            return formats.forResponseFormat("votable/td").orElseGet(formats::defaultWriter);
        }
        String asked = request.responseFormat().get();
        String format = DATALINK_PARAMETER.matcher(asked).replaceAll("");
        return formats.forResponseFormat(format).orElseThrow(() -> TapException.invalid(
                "unsupported RESPONSEFORMAT '" + asked + "'; links are written as VOTable (votable, votable/td, "
                        + "application/x-votable+xml) or in any format /capabilities lists"));
    }

    private static Map<String, List<Link>> links(Connection connection, List<String> ids) throws SQLException {
        Map<String, List<Link>> byId = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        try (PreparedStatement statement = connection.prepareStatement(LINKS)) {
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    long length = row.getLong(8);
                    Long contentLength = row.wasNull() ? null : length;
                    Link link = new Link(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5), row.getString(6), row.getString(7), contentLength,
                            row.getString(9), row.getString(10));
                    byId.computeIfAbsent(link.id(), id -> new ArrayList<>()).add(link);
                }
            }
        }
        return byId;
    }

    private static List<ServiceDescriptor> services(Connection connection, List<String> ids, String baseUrl)
            throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        record Row(String id, String standardId, String accessUrl, String contentType, String description,
                   ServiceParam param) {
        }
        Map<String, List<Row>> byService = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(SERVICES)) {
            statement.setArray(1, connection.createArrayOf("text", ids.toArray()));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    ServiceParam param = row.getString(6) == null ? null : new ServiceParam(row.getString(6),
                            datatype(row.getString(7)), row.getString(8), row.getString(10), row.getString(9), null,
                            row.getString(11));
                    Row read = new Row(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                            row.getString(5), param);
                    byService.computeIfAbsent(read.id(), id -> new ArrayList<>()).add(read);
                }
            }
        }
        List<ServiceDescriptor> services = new ArrayList<>();
        for (List<Row> rows : byService.values()) {
            Row first = rows.getFirst();
            List<ServiceParam> params = new ArrayList<>();
            if (first.standardId() != null) {
                params.add(ServiceParam.text("standardID", first.standardId()));
            }
            params.add(ServiceParam.text("accessURL", ServiceUrls.resolve(baseUrl, first.accessUrl())));
            if (first.contentType() != null) {
                params.add(ServiceParam.text("contentType", first.contentType()));
            }
            services.add(new ServiceDescriptor(first.id(), first.id(), first.description(), params,
                    rows.stream().map(Row::param).filter(param -> param != null).toList()));
        }
        return services;
    }

    /** An archive's typo in a parameter's datatype should not take the links down: it is text then. */
    private static Datatype datatype(String name) {
        try {
            return Datatype.fromVOTable(name);
        } catch (IllegalArgumentException unknown) {
            return Datatype.CHAR;
        }
    }

    private static ColumnMetadata text(String name, String ucd, String description) {
        return new ColumnMetadata(name, Datatype.CHAR, "*", null, null, ucd, null, description);
    }
}

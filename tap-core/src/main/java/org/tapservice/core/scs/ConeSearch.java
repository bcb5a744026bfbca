package org.tapservice.core.scs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.tapservice.adql.OutputColumn;
import org.tapservice.core.ErrorKind;
import org.tapservice.core.TapException;
import org.tapservice.core.datalink.DataLinkAnnotations;
import org.tapservice.core.query.QueryControl;
import org.tapservice.core.query.QueryEngine;
import org.tapservice.core.query.ResultAnnotations;
import org.tapservice.core.query.ResultInfos;
import org.tapservice.core.query.ResultSink;
import org.tapservice.core.schema.CatalogCache;
import org.tapservice.core.schema.ColumnDescription;
import org.tapservice.core.schema.DescribedCatalog;
import org.tapservice.core.schema.TableDescription;
import org.tapservice.core.schema.TapSchema;
import org.tapservice.core.tap.QueryRequest;
import org.tapservice.core.upload.UploadParts;
import org.tapservice.votable.ColumnMetadata;
import org.tapservice.votable.Datatype;
import org.tapservice.votable.Info;
import org.tapservice.votable.ServiceDescriptor;
import org.tapservice.votable.WriteSummary;

/**
 * Simple Cone Search 1.1 over the published tables: a cone is an ADQL query (the distance
 * condition the translator turns into an indexed pgsphere circle, the distance as a column,
 * nearest first) run by the TAP query engine, so it has the same limits, formats and error
 * documents as TAP. What Simple Cone Search asks beyond that is said by the result's
 * annotations: the identifier as text with {@code meta.id;meta.main}, the distance column, and
 * the request echoed as INFOs.
 */
public final class ConeSearch {

    public static final String STANDARD_ID = "ivo://ivoa.net/std/ConeSearch";
    /** The distance column's name, unless the table has a column of that name. */
    private static final String DISTANCE = "angdist";

    private final QueryEngine engine;
    private final CatalogCache catalogs;
    private final List<String> configuredTables;

    /**
     * @param configuredTables the tables to serve, by published name; empty serves every
     *                         published table whose TAP_SCHEMA metadata allows a cone search
     */
    public ConeSearch(QueryEngine engine, CatalogCache catalogs, List<String> configuredTables) {
        this.engine = requireNonNull(engine, "engine is null");
        this.catalogs = requireNonNull(catalogs, "catalogs is null");
        this.configuredTables = List.copyOf(configuredTables);
    }

    /** Every table served now, for the capabilities. */
    public List<ConeSearchTable> tables() {
        TapSchema schema = catalogs.current().schema();
        List<TableDescription> candidates = configuredTables.isEmpty() ? schema.tables()
                : configuredTables.stream().flatMap(name -> schema.table(name).stream()).toList();
        List<ConeSearchTable> usable = new ArrayList<>();
        for (TableDescription table : candidates) {
            if (ConeSearchTable.check(table) instanceof ConeSearchTable.Usable(ConeSearchTable found)) {
                usable.add(found);
            }
        }
        return usable;
    }

    /**
     * The table a cone search URL names.
     *
     * @throws TapException NOT_FOUND when no cone search is served on it, saying why
     */
    public ConeSearchTable table(String name) {
        boolean listed = configuredTables.isEmpty()
                || configuredTables.stream().anyMatch(configured -> configured.equalsIgnoreCase(name));
        Optional<TableDescription> table = listed ? catalogs.current().schema().table(name) : Optional.empty();
        if (table.isEmpty()) {
            throw new TapException(ErrorKind.NOT_FOUND, "no cone search is served on '" + name
                    + "'; cone searches: " + tables().stream().map(found -> found.table().name())
                    .collect(Collectors.joining(", ")));
        }
        return switch (ConeSearchTable.check(table.get())) {
            case ConeSearchTable.Usable(ConeSearchTable found) -> found;
            case ConeSearchTable.Unusable(String reason) -> throw new TapException(ErrorKind.NOT_FOUND,
                    "no cone search is served on '" + name + "': " + reason);
        };
    }

    /**
     * Runs a cone search.
     *
     * @param links the {links} descriptors to add for the DataLink ID columns of the response
     */
    public WriteSummary search(ConeSearchTable table, ConeSearchRequest request, Optional<DataLinkAnnotations> links,
                               ResultSink sink) throws IOException {
        List<ColumnDescription> columns = table.columns(request.verb());
        String distance = distanceName(table.table());
        // SR=0 asks for the metadata as MAXREC=0 does (SCS 1.1 section 2), not for sources at the very centre
        String adql = adql(table, columns, distance,
                request.cone().filter(cone -> !request.metadataOnly() && cone.radius() > 0));
        // DALI lets a service choose its default format; TABLEDATA is what every cone search client reads
        QueryRequest query = new QueryRequest(adql, request.maxrec(),
                Optional.of(request.responseFormat().orElse("votable/td")), Optional.empty());
        boolean idLinked = catalogs.current().schema().holdsDataLinkIds(table.table(), table.id());
        ConeAnnotations annotations = new ConeAnnotations(table, request, columns.indexOf(table.id()), distance,
                links, idLinked);
        return engine.execute(query, UploadParts.none(), sink, QueryControl.sessionDefaults(), annotations);
    }

    private static String adql(ConeSearchTable table, List<ColumnDescription> columns, String distance,
                               Optional<ConeSearchRequest.Cone> cone) {
        List<String> select = new ArrayList<>();
        for (ColumnDescription column : columns) {
            // SCS 1.1: the identifier FIELD is a character array, whatever the table keeps
            select.add(column == table.id() && !table.idIsText()
                    ? "CAST(" + column.name() + " AS VARCHAR) AS " + column.name() : column.name());
        }
        ConeSearchRequest.Cone centre = cone.orElse(new ConeSearchRequest.Cone(0, 0, 0));
        String separation = "DISTANCE(POINT('ICRS', " + table.ra().name() + ", " + table.dec().name()
                + "), POINT('ICRS', " + literal(centre.ra()) + ", " + literal(centre.dec()) + "))";
        select.add(separation + " AS " + distance);
        return "SELECT " + String.join(", ", select) + " FROM " + table.table().name()
                + " WHERE " + cone.map(inside -> separation + " <= " + literal(inside.radius())).orElse("1 = 0")
                + " ORDER BY " + distance;
    }

    private static String literal(double degrees) {
        return BigDecimal.valueOf(degrees).toPlainString();
    }

    private static String distanceName(TableDescription table) {
        String name = DISTANCE;
        while (table.column(name).isPresent() || table.column(name.toUpperCase(Locale.ROOT)).isPresent()) {
            name = name + "_";
        }
        return name;
    }

    /** The FIELDs, INFOs and service descriptor Simple Cone Search asks for. */
    private record ConeAnnotations(ConeSearchTable table, ConeSearchRequest request, int idIndex, String distance,
                                   Optional<DataLinkAnnotations> links, boolean idLinked)
            implements ResultAnnotations {

        @Override
        public List<ColumnMetadata> fields(List<ColumnMetadata> described) {
            List<ColumnMetadata> fields = new ArrayList<>(described);
            ColumnMetadata id = fields.get(idIndex);
            ColumnDescription published = table.id();
            if (!table.idIsText()) {
                // the text the cast made of it, described as TAP_SCHEMA describes the identifier
                fields.set(idIndex, new ColumnMetadata(id.name(), Datatype.CHAR, "*", null, null,
                        ConeSearchTable.ID_UCD, published.utype(), published.description()));
            }
            fields.set(fields.size() - 1, new ColumnMetadata(distance, Datatype.DOUBLE, null, null, "deg",
                    "pos.angDistance", null, "Angular distance from the centre of the cone"));
            return fields;
        }

        @Override
        public List<Info> infos(QueryRequest query, Instant runAt) {
            List<Info> infos = new ArrayList<>();
            request.cone().ifPresent(cone -> {
                infos.add(new Info("RA", literal(cone.ra())));
                infos.add(new Info("DEC", literal(cone.dec())));
                infos.add(new Info("SR", literal(cone.radius())));
            });
            infos.add(new Info("VERB", Integer.toString(request.verb().ordinal() + 1)));
            infos.add(new Info("MAXREC", Long.toString(request.maxrec())));
            request.responseFormat().ifPresent(format -> infos.add(new Info("RESPONSEFORMAT", format)));
            infos.add(new Info("TABLE", table.table().name()));
            if (!request.unknown().isEmpty()) {
                infos.add(new Info("warning", "Unrecognized optional/custom parameters: "
                        + String.join(", ", request.unknown())));
            }
            infos.addAll(ResultInfos.service("1.1", STANDARD_ID, runAt));
            return infos;
        }

        /**
         * The {links} descriptors of TAP results, for the declared identifier columns in the
         * response; a numeric identifier the cone cast to text is one the catalogue no longer
         * sees as the table's column, so its descriptor is added here.
         */
        @Override
        public List<ServiceDescriptor> services(List<OutputColumn> columns, DescribedCatalog catalog) {
            if (links.isEmpty()) {
                return List.of();
            }
            List<ServiceDescriptor> services = new ArrayList<>(links.get().services(columns, catalog));
            if (idLinked && !table.idIsText()) {
                services.add(links.get().descriptor("links-" + columns.get(idIndex).name(),
                        columns.get(idIndex).name()));
            }
            return services;
        }
    }
}

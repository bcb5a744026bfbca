package org.tapservice.core.query;

import java.time.Instant;
import java.util.List;

import org.tapservice.adql.OutputColumn;
import org.tapservice.core.schema.DescribedCatalog;
import org.tapservice.core.tap.QueryRequest;
import org.tapservice.votable.ColumnMetadata;
import org.tapservice.votable.Info;
import org.tapservice.votable.ServiceDescriptor;

/**
 * What a protocol says about a result beyond its rows: the FIELD metadata it fixes, the INFOs
 * that echo the request, and the services the rows can be handed to. A TAP query's result keeps
 * TAP_SCHEMA's metadata and echoes the TAP request; a protocol that runs its requests as ADQL
 * through the same engine (Simple Cone Search) says what its own standard asks.
 */
public interface ResultAnnotations {

    /** TAP 1.1 results: TAP_SCHEMA's metadata, the TAP request echoed, no services. */
    ResultAnnotations TAP = new ResultAnnotations() {
    };

    /** The FIELDs as written, given those TAP_SCHEMA and the translator describe. */
    default List<ColumnMetadata> fields(List<ColumnMetadata> described) {
        return described;
    }

    /** The INFOs after QUERY_STATUS. */
    default List<Info> infos(QueryRequest request, Instant runAt) {
        return ResultInfos.of(request, runAt);
    }

    /**
     * The service descriptors written after the results.
     *
     * @param columns the result's columns, with the catalogue column each shows unchanged
     * @param catalog the catalogue the query was checked against
     */
    default List<ServiceDescriptor> services(List<OutputColumn> columns, DescribedCatalog catalog) {
        return List.of();
    }
}

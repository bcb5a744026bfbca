package org.tapservice.core.datalink;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

import org.tapservice.adql.OutputColumn;
import org.tapservice.core.query.ResultAnnotations;
import org.tapservice.core.schema.DescribedCatalog;
import org.tapservice.votable.ServiceDescriptor;
import org.tapservice.votable.ServiceParam;

/**
 * TAP results that say where their rows' links are: each result column showing a column declared
 * in tap_links.id_columns unchanged gets a service descriptor for the {links} endpoint whose ID
 * parameter refers to that column's FIELD (DataLink 1.1 section 4.3), which is what TOPCAT's
 * "Invoke Service" and pyvo's {@code DatalinkResults.from_result_url} follow.
 */
public final class DataLinkAnnotations implements ResultAnnotations {

    private final String linksUrl;

    /** @param linksUrl the absolute URL of the {links} endpoint, as the client reaches it */
    public DataLinkAnnotations(String linksUrl) {
        this.linksUrl = requireNonNull(linksUrl, "linksUrl is null");
    }

    @Override
    public List<ServiceDescriptor> services(List<OutputColumn> columns, DescribedCatalog catalog) {
        List<OutputColumn> linked = columns.stream()
                .filter(column -> column.source().filter(source -> catalog.holdsDataLinkIds(source.column())).isPresent())
                .toList();
        List<ServiceDescriptor> services = new ArrayList<>(linked.size());
        for (OutputColumn column : linked) {
            // one descriptor per identifier column; the name tells them apart in a join
            services.add(descriptor(linked.size() == 1 ? "links" : "links-" + column.name(), column.name()));
        }
        return services;
    }

    /** The descriptor of the {links} endpoint with its ID parameter taken from the named result column. */
    public ServiceDescriptor descriptor(String name, String column) {
        return new ServiceDescriptor(null, name, "Links (previews, data files, related services) for "
                + column + ", from this service's DataLink endpoint",
                List.of(ServiceParam.text("standardID", DataLink.STANDARD_ID),
                        ServiceParam.text("accessURL", linksUrl),
                        ServiceParam.text("contentType", DataLink.CONTENT_TYPE)),
                List.of(ServiceParam.fromColumn("ID", column, "meta.id;meta.main")));
    }
}

package org.tapservice.votable;

import java.util.List;
import java.util.Objects;

/**
 * A DataLink service descriptor: a {@code RESOURCE type="meta" utype="adhoc:service"} after the
 * results, telling a client (TOPCAT's "Invoke Service", pyvo's datalink support) how to call a
 * service with values from the result's rows.
 *
 * @param id          the RESOURCE's XML ID, which a links table's service_def refers to; null for none
 * @param name        the RESOURCE's name; null for none
 * @param description null for none
 * @param params      the fixed PARAMs: standardID, accessURL, contentType...
 * @param inputParams the service's parameters, written in the GROUP named inputParams
 */
public record ServiceDescriptor(String id, String name, String description, List<ServiceParam> params,
                                List<ServiceParam> inputParams) {

    public ServiceDescriptor {
        params = List.copyOf(Objects.requireNonNull(params, "params is null"));
        inputParams = List.copyOf(Objects.requireNonNull(inputParams, "inputParams is null"));
    }
}

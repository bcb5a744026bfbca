package org.tapservice.core.datalink;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.tapservice.core.dali.DaliParameters;
import org.tapservice.core.tap.OutputLimits;

/**
 * A request to the {links} endpoint (DataLink 1.1 section 3.2): the identifiers, each at most
 * once in the order first given (ID may be repeated, and a client may send none), MAXREC and
 * RESPONSEFORMAT.
 */
public record LinksRequest(List<String> ids, long maxrec, Optional<String> responseFormat) {

    public LinksRequest {
        ids = List.copyOf(ids);
        requireNonNull(responseFormat, "responseFormat is null");
    }

    public static LinksRequest parse(DaliParameters parameters, OutputLimits limits) {
        // an ID asked twice is answered once: its links must be consecutive rows anyway
        List<String> ids = List.copyOf(new LinkedHashSet<>(parameters.getAll("ID")));
        return new LinksRequest(ids, limits.maxrec(parameters.get("MAXREC")),
                parameters.get("RESPONSEFORMAT").filter(format -> !format.isBlank()));
    }
}

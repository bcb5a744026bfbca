package org.tapservice.votable;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An output format as TAPRegExt advertises it in a capability's outputFormat element.
 *
 * @param mime     the full media type, with parameters
 * @param aliases  short RESPONSEFORMAT values that select it
 * @param ivoId    the TAPRegExt standard identifier, where TAPRegExt defines one
 */
public record FormatDescription(String mime, List<String> aliases, Optional<String> ivoId) {

    public FormatDescription {
        Objects.requireNonNull(mime, "mime is null");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(ivoId, "ivoId is null");
    }
}

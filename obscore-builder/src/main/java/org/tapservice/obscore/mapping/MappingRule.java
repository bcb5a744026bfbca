package org.tapservice.obscore.mapping;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.tapservice.obscore.ObsCoreField;
import org.tapservice.obscore.expr.CompiledExpression;

/**
 * What the mapping says about the files of one collection (or of those of its files that match
 * one of the patterns): defaults for missing FITS keywords, forced ObsCore values, computed
 * fields, fields from environment variables, and the bases of identifiers and URLs.
 */
public record MappingRule(String collection, List<GlobPattern> files, Map<String, Object> defaults,
        Map<ObsCoreField, Object> set, Map<ObsCoreField, CompiledExpression> compute,
        Map<ObsCoreField, String> environment, Optional<String> publisherDid, Optional<String> accessUrl) {

    public MappingRule {
        requireNonNull(collection, "collection is null");
        files = List.copyOf(files);
        defaults = Map.copyOf(defaults);
        set = Map.copyOf(set);
        compute = Map.copyOf(compute);
        environment = Map.copyOf(environment);
        requireNonNull(publisherDid, "publisherDid is null");
        requireNonNull(accessUrl, "accessUrl is null");
    }

    /** The rule for a collection without a mapping: everything from the headers. */
    public static MappingRule plain(String collection) {
        return new MappingRule(collection, List.of(), Map.of(), Map.of(), Map.of(), Map.of(), Optional.empty(),
                Optional.empty());
    }

    /** Every file when no pattern is given, else the files matching one. */
    public boolean matches(String relativePath) {
        return files.isEmpty() || files.stream().anyMatch(pattern -> pattern.matches(relativePath));
    }
}

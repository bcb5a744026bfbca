package org.tapservice.obscore.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.tapservice.obscore.ObsCoreField;
import org.tapservice.obscore.expr.CompiledExpression;
import org.tapservice.obscore.expr.ExpressionException;
import org.tapservice.obscore.expr.ExpressionLimits;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A mapping file: YAML read with SnakeYAML's SafeConstructor (plain maps, lists, strings,
 * numbers and booleans; any tag naming a Java type is refused), with aliases, nesting and size
 * bounded. Everything is checked when the file is read, expressions compiled included, so a
 * bad mapping is refused before any file is touched. See the module's README for the format.
 */
public record ObsCoreMapping(Optional<String> publisherDid, Optional<String> accessUrl, List<MappingRule> rules) {

    /** No mapping: every field from the headers. */
    public static final ObsCoreMapping NONE = new ObsCoreMapping(Optional.empty(), Optional.empty(), List.of());

    public static final int MAX_BYTES = 1 << 20;
    private static final int MAX_ALIASES = 20;
    private static final int MAX_NESTING = 20;
    private static final int MAX_RULES = 1_000;
    private static final int MAX_KEYWORD_LENGTH = 70;
    /** Only these variables can be read: a mapping must not be able to publish the server's secrets. */
    public static final String ENVIRONMENT_PREFIX = "OBSCORE_";
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("OBSCORE_[A-Z0-9_]{1,64}");

    private static final Set<String> ROOT_KEYS = Set.of("publisher_did", "access_url", "collections");
    private static final Set<String> RULE_KEYS = Set.of("collection", "files", "defaults", "set", "compute",
            "environment", "publisher_did", "access_url");

    public ObsCoreMapping {
        rules = List.copyOf(rules);
    }

    /** The first rule whose patterns match the file, if any. */
    public Optional<MappingRule> ruleFor(String relativePath) {
        return rules.stream().filter(rule -> rule.matches(relativePath)).findFirst();
    }

    public static ObsCoreMapping read(Path file, ExpressionLimits limits) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new MappingException(file + ": a mapping file may have at most " + MAX_BYTES + " bytes");
            }
            return parse(Files.readString(file), file.toString(), limits);
        } catch (IOException e) {
            throw new MappingException("cannot read the mapping " + file + ": " + e.getMessage(), e);
        }
    }

    public static ObsCoreMapping parse(String yaml, String source, ExpressionLimits limits) {
        Object root;
        try {
            var options = new LoaderOptions();
            options.setMaxAliasesForCollections(MAX_ALIASES);
            options.setAllowRecursiveKeys(false);
            options.setNestingDepthLimit(MAX_NESTING);
            options.setCodePointLimit(MAX_BYTES);
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new MappingException(source + ": not a mapping file this builder accepts: " + e.getMessage(), e);
        }
        if (root == null) {
            return NONE;
        }
        Map<String, Object> top = mapping(root, source, ROOT_KEYS);
        Optional<String> publisherDid = text(top, "publisher_did", source).map(did -> checkDid(did, source));
        Optional<String> accessUrl = text(top, "access_url", source).map(url -> checkUrl(url, source));
        var rules = new ArrayList<MappingRule>();
        Object entries = top.get("collections");
        if (entries != null) {
            if (!(entries instanceof List<?> list)) {
                throw new MappingException(source + ": collections must be a list of entries");
            }
            if (list.size() > MAX_RULES) {
                throw new MappingException(source + ": at most " + MAX_RULES + " collection entries");
            }
            for (int i = 0; i < list.size(); i++) {
                rules.add(rule(list.get(i), source + ": collections[" + (i + 1) + "]", limits, publisherDid, accessUrl));
            }
        }
        return new ObsCoreMapping(publisherDid, accessUrl, rules);
    }

    private static MappingRule rule(Object value, String where, ExpressionLimits limits, Optional<String> did,
            Optional<String> url) {
        Map<String, Object> entry = mapping(value, where, RULE_KEYS);
        String collection = text(entry, "collection", where)
                .orElseThrow(() -> new MappingException(where + ": every entry needs a collection name"));
        var files = new ArrayList<GlobPattern>();
        Object patterns = entry.get("files");
        for (Object pattern : patterns == null ? List.of() : patterns instanceof List<?> list ? list : List.of(patterns)) {
            try {
                files.add(new GlobPattern(scalarText(pattern, where + ": files")));
            } catch (IllegalArgumentException e) {
                throw new MappingException(where + ": files: " + e.getMessage());
            }
        }
        var defaults = new LinkedHashMap<String, Object>();
        mapping(entry.getOrDefault("defaults", Map.of()), where + ": defaults", null).forEach((keyword, v) -> {
            if (keyword.length() > MAX_KEYWORD_LENGTH || keyword.isBlank()) {
                throw new MappingException(where + ": defaults: '" + keyword + "' is not a FITS keyword");
            }
            defaults.put(keyword.toUpperCase(Locale.ROOT), headerValue(v, where + ": defaults: " + keyword));
        });
        var set = new EnumMap<ObsCoreField, Object>(ObsCoreField.class);
        fields(entry, "set", where).forEach((field, v) -> set.put(field, FieldValues.forced(field, v,
                where + ": set: " + field.column())));
        var compute = new EnumMap<ObsCoreField, CompiledExpression>(ObsCoreField.class);
        fields(entry, "compute", where).forEach((field, v) -> {
            String text = scalarText(v, where + ": compute: " + field.column());
            try {
                compute.put(field, CompiledExpression.compile(text, limits));
            } catch (ExpressionException e) {
                throw new MappingException(where + ": compute: " + field.column() + ": " + e.getMessage(), e);
            }
        });
        var environment = new EnumMap<ObsCoreField, String>(ObsCoreField.class);
        fields(entry, "environment", where).forEach((field, v) -> {
            String name = scalarText(v, where + ": environment: " + field.column());
            if (!ENVIRONMENT_NAME.matcher(name).matches()) {
                throw new MappingException(where + ": environment: " + field.column() + ": only variables named "
                        + ENVIRONMENT_PREFIX + "... (upper case, digits, _) can be read, not '" + name + "'");
            }
            environment.put(field, name);
        });
        return new MappingRule(collection, files, defaults, set, compute, environment,
                text(entry, "publisher_did", where).map(d -> checkDid(d, where)).or(() -> did),
                text(entry, "access_url", where).map(u -> checkUrl(u, where)).or(() -> url));
    }

    private static Map<ObsCoreField, Object> fields(Map<String, Object> entry, String key, String where) {
        var result = new LinkedHashMap<ObsCoreField, Object>();
        mapping(entry.getOrDefault(key, Map.of()), where + ": " + key, null).forEach((name, v) -> {
            ObsCoreField field = ObsCoreField.byColumn(name).orElseThrow(() -> new MappingException(where + ": "
                    + key + ": '" + name + "' is not an ObsCore column"));
            if (v == null) {
                throw new MappingException(where + ": " + key + ": " + name + " has no value");
            }
            result.put(field, v);
        });
        return result;
    }

    private static String checkDid(String did, String where) {
        if (!did.startsWith("ivo://") || did.length() <= 6 || did.contains("?") || did.contains("#")) {
            throw new MappingException(where + ": publisher_did must be an ivo:// URI without '?' or '#' "
                    + "(the file's path is added after '?'), not '" + did + "'");
        }
        return did;
    }

    private static String checkUrl(String url, String where) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("ftp://"))) {
            throw new MappingException(where + ": access_url must start with http://, https:// or ftp://, not '" + url + "'");
        }
        return url;
    }

    private static Object headerValue(Object value, String where) {
        return switch (value) {
            case String s -> s;
            case Boolean b -> b;
            case Integer i -> (long) i;
            case Long l -> l;
            case Double d -> d;
            case java.math.BigInteger big -> big.doubleValue();
            case null, default -> throw new MappingException(where + ": a default must be a single text, number or true/false");
        };
    }

    static String scalarText(Object value, String where) {
        if (value instanceof Map<?, ?> || value instanceof List<?> || value == null) {
            throw new MappingException(where + ": must be a single value");
        }
        return String.valueOf(value);
    }

    private static Map<String, Object> mapping(Object value, String where, Set<String> allowedKeys) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new MappingException(where + ": expected a mapping of names to values");
        }
        var result = new LinkedHashMap<String, Object>();
        map.forEach((key, entry) -> {
            String name = String.valueOf(key);
            if (allowedKeys != null && !allowedKeys.contains(name)) {
                throw new MappingException(where + ": unknown key '" + name + "' (known: "
                        + String.join(", ", allowedKeys.stream().sorted().toList()) + ")");
            }
            result.put(name, entry);
        });
        return result;
    }

    private static Optional<String> text(Map<String, Object> map, String key, String where) {
        Object value = map.get(key);
        return value == null ? Optional.empty() : Optional.of(scalarText(value, where + ": " + key));
    }
}

package org.tapservice.core.dali;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Request parameters as DALI 1.1 defines them: names are case-insensitive, values are
 * case-sensitive and kept verbatim, and a parameter may be given more than once.
 */
public final class DaliParameters {

    private final Map<String, List<String>> values;

    private DaliParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /** From a servlet-style map (name to values); later duplicates of a name keep their order. */
    public static DaliParameters of(Map<String, ? extends List<String>> raw) {
        Map<String, List<String>> folded = new TreeMap<>();
        raw.forEach((name, list) -> folded
                .computeIfAbsent(name.toUpperCase(Locale.ROOT), key -> new ArrayList<>())
                .addAll(list));
        folded.replaceAll((name, list) -> List.copyOf(list));
        return new DaliParameters(Collections.unmodifiableMap(folded));
    }

    /**
     * The single value of a parameter. DALI leaves repeated single-valued parameters to the
     * service; taking the last one lets a client override a default it sent earlier, as
     * form submissions do.
     */
    public Optional<String> get(String name) {
        List<String> list = values.getOrDefault(name.toUpperCase(Locale.ROOT), List.of());
        return list.isEmpty() ? Optional.empty() : Optional.of(list.getLast());
    }

    public List<String> getAll(String name) {
        return values.getOrDefault(name.toUpperCase(Locale.ROOT), List.of());
    }

    public boolean contains(String name) {
        return values.containsKey(name.toUpperCase(Locale.ROOT));
    }
}

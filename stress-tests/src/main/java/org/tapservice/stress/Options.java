package org.tapservice.stress;

import java.util.HashMap;
import java.util.Map;

/** Command-line options of the form -name value. */
record Options(Map<String, String> values) {

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("-")) {
                throw new IllegalArgumentException("expected -name value, got " + args[i]);
            }
            values.put(args[i].substring(1), args[i + 1]);
        }
        return new Options(Map.copyOf(values));
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int getInt(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }
}

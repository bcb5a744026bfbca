package org.tapservice.votable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ID attribute of each FIELD, so that other elements (and clients' GROUPs, SAMP messages,
 * DataLink service descriptors) can refer to a column. An ID must be an XML NCName unique in the
 * document while column names may be any text, so an ID is the name with every character other
 * than an ASCII letter, digit or underscore replaced by an underscore, an underscore in front
 * when it would not start with a letter, and a numeric suffix when two names come out alike.
 * Keeping to those characters also keeps clear of the IDs STIL gives COOSYS and TIMESYS
 * elements, which contain hyphens.
 */
final class FieldIds {

    private FieldIds() {
    }

    static List<String> of(List<ColumnMetadata> columns) {
        Set<String> taken = new HashSet<>();
        List<String> ids = new ArrayList<>(columns.size());
        for (ColumnMetadata column : columns) {
            String base = sanitise(column.name());
            String id = base;
            for (int suffix = 2; !taken.add(id); suffix++) {
                id = base + "_" + suffix;
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    /** The ID of each column's FIELD by column name (names are unique in a result). */
    static Map<String, String> byName(List<ColumnMetadata> columns) {
        List<String> ids = of(columns);
        Map<String, String> byName = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byName.put(columns.get(i).name(), ids.get(i));
        }
        return byName;
    }

    private static String sanitise(String name) {
        StringBuilder id = new StringBuilder(name.length() + 1);
        char first = name.charAt(0);
        if (!isAsciiLetter(first) && first != '_') {
            id.append('_');
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            id.append(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' ? c : '_');
        }
        return id.toString();
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}

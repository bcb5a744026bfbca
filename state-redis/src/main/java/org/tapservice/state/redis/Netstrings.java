package org.tapservice.state.redis;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of strings as one string: each item as {@code <length>:<text>}, one after the other,
 * the length counted in Java chars. Used for the hash fields that hold lists (parameters,
 * results): any text survives, newlines, colons and empty strings included, with no escaping
 * and no JSON library. Only Java reads these fields; the Lua scripts pass them through.
 */
final class Netstrings {

    private Netstrings() {
    }

    static String encode(List<String> items) {
        StringBuilder text = new StringBuilder();
        for (String item : items) {
            text.append(item.length()).append(':').append(item);
        }
        return text.toString();
    }

    /**
     * @throws IllegalStateException if the text is not a list this class wrote, naming the
     *         field it came from
     */
    static List<String> decode(String field, String text) {
        requireNonNull(text, "text is null");
        List<String> items = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int colon = text.indexOf(':', at);
            if (colon < 0) {
                throw malformed(field, at);
            }
            int length;
            try {
                length = Integer.parseInt(text, at, colon, 10);
            } catch (NumberFormatException e) {
                throw malformed(field, at);
            }
            int end = colon + 1 + length;
            if (length < 0 || end > text.length()) {
                throw malformed(field, at);
            }
            items.add(text.substring(colon + 1, end));
            at = end;
        }
        return items;
    }

    private static IllegalStateException malformed(String field, int at) {
        return new IllegalStateException("job hash field '" + field + "' is not a list of netstrings (at char "
                + at + ")");
    }
}

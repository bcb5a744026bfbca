package org.tapservice.votable;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A media type reduced to what decides which writer answers it: the type/subtype and the
 * parameters, compared case-insensitively (RESPONSEFORMAT values are typed by people).
 * {@code charset=utf-8} is dropped because every format here is written in UTF-8 anyway.
 */
record MediaType(String type, Map<String, String> parameters) {

    MediaType {
        parameters = Map.copyOf(parameters);
    }

    /** Empty if the text is not a media type (no slash, a malformed parameter). */
    static Optional<MediaType> parse(String text) {
        String[] parts = text.split(";", -1);
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!type.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            if (pair.length != 2) {
                return Optional.empty();
            }
            String name = pair[0].strip().toLowerCase(Locale.ROOT);
            String value = unquote(pair[1].strip()).toLowerCase(Locale.ROOT);
            if (!(name.equals("charset") && value.equals("utf-8"))) {
                parameters.put(name, value);
            }
        }
        return Optional.of(new MediaType(type, parameters));
    }

    MediaType withType(String newType) {
        return new MediaType(newType, parameters);
    }

    boolean hasParameters() {
        return !parameters.isEmpty();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}

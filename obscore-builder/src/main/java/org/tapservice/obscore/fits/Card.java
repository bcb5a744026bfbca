package org.tapservice.obscore.fits;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One keyword of a header: its value (String, Long, Double or Boolean; null for a keyword
 * without a value) and its comment, where archives often put what the value lacks, a unit.
 */
public record Card(String keyword, Object value, String comment) {

    public Card {
        requireNonNull(keyword, "keyword is null");
        if (value != null && !(value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean)) {
            throw new IllegalArgumentException("card " + keyword + ": unsupported value type " + value.getClass());
        }
        comment = comment == null ? "" : comment;
    }

    public Optional<String> text() {
        return value instanceof String s ? Optional.of(s.strip()) : Optional.empty();
    }

    /** A number, also one written as a string ('2000.0'), as archives do. */
    public Optional<Double> number() {
        return switch (value) {
            case Long l -> Optional.of(l.doubleValue());
            case Double d -> Optional.of(d);
            case String s -> parse(s.strip());
            case null, default -> Optional.empty();
        };
    }

    private static Optional<Double> parse(String text) {
        try {
            // FITS allows D as the exponent letter
            return Optional.of(Double.parseDouble(text.replace('D', 'E').replace('d', 'e')));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

package org.tapservice.obscore.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.tapservice.obscore.ObsCoreField;
import org.tapservice.obscore.wcs.SkyPolygon;
import org.tapservice.obscore.wcs.SkyPosition;

/**
 * Values for ObsCore fields from the mapping (forced values) and from expressions, converted to
 * the field's kind: text, whole numbers, finite doubles, and for s_region a DALI polygon written
 * as "ra1 dec1 ra2 dec2 ..." in degrees.
 */
public final class FieldValues {

    private FieldValues() {
    }

    /** A forced value, checked when the mapping is read. */
    static Object forced(ObsCoreField field, Object value, String where) {
        Object candidate = value instanceof Integer i ? Double.valueOf(i)
                : value instanceof Long l ? Double.valueOf(l) : value;
        return convert(field, candidate).orElseThrow(() -> new MappingException(where + ": " + problem(field, value)));
    }

    /** The value as the field's kind, or empty when it cannot be one. */
    public static Optional<Object> convert(ObsCoreField field, Object value) {
        return switch (field.kind()) {
            case TEXT -> switch (value) {
                case String s -> Optional.of(s);
                case Double d -> Optional.of(d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString());
                case Boolean b -> Optional.of(b.toString());
                default -> Optional.empty();
            };
            case INTEGER, LONG -> whole(value).filter(l -> field.kind() == ObsCoreField.Kind.LONG
                    || (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE))
                    .map(l -> field.kind() == ObsCoreField.Kind.INTEGER ? (Object) l.intValue() : (Object) l);
            case DOUBLE -> number(value).map(d -> (Object) d);
            case REGION -> polygon(value).map(p -> (Object) p);
        };
    }

    public static String problem(ObsCoreField field, Object value) {
        String what = switch (field.kind()) {
            case TEXT -> "a text";
            case INTEGER -> "a whole number";
            case LONG -> "a whole number";
            case DOUBLE -> "a finite number";
            case REGION -> "a polygon 'ra1 dec1 ra2 dec2 ra3 dec3 ...' in degrees";
        };
        return field.column() + " needs " + what + ", not " + (value instanceof String s ? "'" + s + "'" : String.valueOf(value));
    }

    private static Optional<Double> number(Object value) {
        Optional<Double> number = switch (value) {
            case Double d -> Optional.of(d);
            case String s -> {
                try {
                    yield Optional.of(Double.parseDouble(s.strip()));
                } catch (NumberFormatException e) {
                    yield Optional.empty();
                }
            }
            default -> Optional.empty();
        };
        return number.filter(Double::isFinite);
    }

    private static Optional<Long> whole(Object value) {
        return number(value).filter(d -> d == Math.rint(d) && Math.abs(d) < 9e15).map(Double::longValue);
    }

    private static Optional<SkyPolygon> polygon(Object value) {
        List<?> items = value instanceof List<?> list ? list
                : value instanceof String s ? List.of(s.strip().split("[\\s,]+")) : List.of();
        if (items.size() < 6 || items.size() % 2 != 0 || items.size() > 2_000) {
            return Optional.empty();
        }
        var numbers = new ArrayList<Double>();
        for (Object item : items) {
            Optional<Double> number = number(item instanceof Integer i ? (Object) i.doubleValue() : item);
            if (number.isEmpty()) {
                return Optional.empty();
            }
            numbers.add(number.get());
        }
        var vertices = new ArrayList<SkyPosition>();
        for (int i = 0; i < numbers.size(); i += 2) {
            if (Math.abs(numbers.get(i + 1)) > 90) {
                return Optional.empty();
            }
            vertices.add(new SkyPosition(numbers.get(i), numbers.get(i + 1)));
        }
        return Optional.of(SkyPolygon.counterClockwise(vertices));
    }
}

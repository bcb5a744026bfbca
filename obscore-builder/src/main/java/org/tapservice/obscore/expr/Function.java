package org.tapservice.obscore.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.tapservice.obscore.derive.ObservationTime;
import org.tapservice.obscore.units.PhysicalUnit;

/**
 * The only functions an expression can call: pure functions of their arguments (and, for
 * {@code header}, of the header being mapped). None reads a file, the network, the clock, the
 * environment or a process, and none can build more than the limits allow. Null in, null out,
 * except for coalesce.
 */
public enum Function {
    // strings
    UPPER(1, 1, "upper(text)") {
        @Override Object apply(List<Object> a, Evaluation e) { return text(a, 0, e).map(s -> s.toUpperCase(Locale.ROOT)).orElse(null); }
    },
    LOWER(1, 1, "lower(text)") {
        @Override Object apply(List<Object> a, Evaluation e) { return text(a, 0, e).map(s -> s.toLowerCase(Locale.ROOT)).orElse(null); }
    },
    TRIM(1, 1, "trim(text)") {
        @Override Object apply(List<Object> a, Evaluation e) { return text(a, 0, e).map(String::strip).orElse(null); }
    },
    LENGTH(1, 1, "length(text)") {
        @Override Object apply(List<Object> a, Evaluation e) { return text(a, 0, e).map(s -> (double) s.length()).orElse(null); }
    },
    CONCAT(1, 16, "concat(value, ...)") {
        @Override Object apply(List<Object> a, Evaluation e) {
            long total = 0;
            for (Object value : a) {
                total += value == null ? 0 : Values.toText(value).length();
            }
            e.checkLength(total);
            return a.stream().map(v -> v == null ? "" : Values.toText(v)).collect(Collectors.joining());
        }
    },
    SUBSTR(2, 3, "substr(text, start from 1[, length])") {
        @Override Object apply(List<Object> a, Evaluation e) {
            Optional<String> s = text(a, 0, e);
            Double start = number(a, 1, e);
            Double length = a.size() > 2 ? number(a, 2, e) : null;
            if (s.isEmpty() || start == null || (a.size() > 2 && length == null)) {
                return null;
            }
            int from = (int) Math.clamp(start.longValue() - 1, 0, s.get().length());
            int to = length == null ? s.get().length() : (int) Math.clamp(from + Math.max(0, length.longValue()), from, s.get().length());
            return s.get().substring(from, to);
        }
    },
    REPLACE(3, 3, "replace(text, search, replacement)") {
        @Override Object apply(List<Object> a, Evaluation e) {
            Optional<String> s = text(a, 0, e);
            Optional<String> search = text(a, 1, e);
            Optional<String> replacement = text(a, 2, e);
            if (s.isEmpty() || search.isEmpty() || replacement.isEmpty()) {
                return null;
            }
            if (search.get().isEmpty()) {
                return s.get();
            }
            // the result's length is known before it is built: a replacement cannot blow up memory
            int count = (s.get().length() - s.get().replace(search.get(), "").length()) / search.get().length();
            e.checkLength(s.get().length() + (long) count * (replacement.get().length() - search.get().length()));
            return s.get().replace(search.get(), replacement.get());
        }
    },
    STARTSWITH(2, 2, "startswith(text, prefix)") {
        @Override Object apply(List<Object> a, Evaluation e) { return both(a, e, String::startsWith); }
    },
    ENDSWITH(2, 2, "endswith(text, suffix)") {
        @Override Object apply(List<Object> a, Evaluation e) { return both(a, e, String::endsWith); }
    },
    CONTAINS(2, 2, "contains(text, part)") {
        @Override Object apply(List<Object> a, Evaluation e) { return both(a, e, String::contains); }
    },
    STR(1, 1, "str(value)") {
        @Override Object apply(List<Object> a, Evaluation e) { return a.getFirst() == null ? null : Values.toText(a.getFirst()); }
    },
    NUM(1, 1, "num(text): the number it holds, or null") {
        @Override Object apply(List<Object> a, Evaluation e) {
            Object value = a.getFirst();
            if (value instanceof Double d) {
                return d;
            }
            if (value instanceof String s) {
                try {
                    return Double.parseDouble(s.strip().replace('D', 'E'));
                } catch (NumberFormatException ex) {
                    return null;
                }
            }
            return null;
        }
    },
    COALESCE(1, 16, "coalesce(value, ...): the first that is not null") {
        @Override Object apply(List<Object> a, Evaluation e) {
            return a.stream().filter(v -> v != null).findFirst().orElse(null);
        }
    },
    HEADER(1, 1, "header(keyword): a keyword's value, e.g. header('DATE-OBS')") {
        @Override Object apply(List<Object> a, Evaluation e) { return text(a, 0, e).map(e::keyword).orElse(null); }
    },
    // arithmetic
    ABS(1, 1, "abs(x)") {
        @Override Object apply(List<Object> a, Evaluation e) { return math(a, e, Math::abs); }
    },
    FLOOR(1, 1, "floor(x)") {
        @Override Object apply(List<Object> a, Evaluation e) { return math(a, e, Math::floor); }
    },
    CEIL(1, 1, "ceil(x)") {
        @Override Object apply(List<Object> a, Evaluation e) { return math(a, e, Math::ceil); }
    },
    SQRT(1, 1, "sqrt(x)") {
        @Override Object apply(List<Object> a, Evaluation e) { return math(a, e, Math::sqrt); }
    },
    LOG10(1, 1, "log10(x)") {
        @Override Object apply(List<Object> a, Evaluation e) { return math(a, e, Math::log10); }
    },
    POW(2, 2, "pow(x, y)") {
        @Override Object apply(List<Object> a, Evaluation e) {
            Double x = number(a, 0, e);
            Double y = number(a, 1, e);
            return x == null || y == null ? null : Math.pow(x, y);
        }
    },
    ROUND(1, 2, "round(x[, digits])") {
        @Override Object apply(List<Object> a, Evaluation e) {
            Double x = number(a, 0, e);
            Double digits = a.size() > 1 ? number(a, 1, e) : Double.valueOf(0);
            if (x == null || digits == null || !Double.isFinite(x)) {
                return x;
            }
            int scale = (int) Math.clamp(digits.longValue(), -20, 20);
            return BigDecimal.valueOf(x).setScale(scale, RoundingMode.HALF_UP).doubleValue();
        }
    },
    MIN(1, 16, "min(x, ...)") {
        @Override Object apply(List<Object> a, Evaluation e) { return extreme(a, e, -1); }
    },
    MAX(1, 16, "max(x, ...)") {
        @Override Object apply(List<Object> a, Evaluation e) { return extreme(a, e, 1); }
    },
    // dates
    MJD(1, 1, "mjd(date): the MJD of an ISO-8601 date or date-time (UTC)") {
        @Override Object apply(List<Object> a, Evaluation e) {
            return text(a, 0, e).flatMap(s -> ObservationTime.parseDate(s)).orElse(null);
        }
    },
    JD_TO_MJD(1, 1, "jd_to_mjd(julian date)") {
        @Override Object apply(List<Object> a, Evaluation e) { return math(a, e, jd -> jd - 2_400_000.5); }
    },
    ISODATE(1, 1, "isodate(mjd): the ISO-8601 date-time of an MJD") {
        @Override Object apply(List<Object> a, Evaluation e) {
            Double mjd = number(a, 0, e);
            if (mjd == null || !Double.isFinite(mjd) || Math.abs(mjd) > 1e7) {
                return null;
            }
            LocalDateTime time = ObservationTime.fromMjd(mjd);
            return time.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
    },
    // units
    CONVERT(3, 3, "convert(x, from unit, to unit), e.g. convert(EXPTIME, 'min', 's')") {
        @Override Object apply(List<Object> a, Evaluation e) {
            Double x = number(a, 0, e);
            Optional<String> from = text(a, 1, e);
            Optional<String> to = text(a, 2, e);
            if (x == null || from.isEmpty() || to.isEmpty()) {
                return null;
            }
            try {
                return unit(from.get(), e).convert(x, unit(to.get(), e));
            } catch (IllegalArgumentException ex) {
                throw e.error(ex.getMessage());
            }
        }
    },
    WAVELENGTH(2, 2, "wavelength(x, unit): a wavelength, frequency or energy as a wavelength in metres") {
        @Override Object apply(List<Object> a, Evaluation e) {
            Double x = number(a, 0, e);
            Optional<String> from = text(a, 1, e);
            if (x == null || from.isEmpty()) {
                return null;
            }
            PhysicalUnit unit = unit(from.get(), e);
            return unit.toWavelength(x).orElseThrow(() -> e.error("'" + from.get() + "' is not a spectral unit"));
        }
    };

    private final int minArguments;
    private final int maxArguments;
    private final String synopsis;

    Function(int minArguments, int maxArguments, String synopsis) {
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
        this.synopsis = synopsis;
    }

    abstract Object apply(List<Object> arguments, Evaluation evaluation);

    public String functionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String synopsis() {
        return synopsis;
    }

    int minArguments() {
        return minArguments;
    }

    int maxArguments() {
        return maxArguments;
    }

    public static Optional<Function> named(String name) {
        for (Function function : values()) {
            if (function.functionName().equalsIgnoreCase(name)) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }

    /** The names, for error messages that list what can be called. */
    public static String names() {
        return Arrays.stream(values()).map(Function::functionName).collect(Collectors.joining(", "));
    }

    private static Optional<String> text(List<Object> arguments, int index, Evaluation e) {
        Object value = arguments.get(index);
        return value == null ? Optional.empty() : Optional.of(Values.toText(value));
    }

    private static Double number(List<Object> arguments, int index, Evaluation e) {
        Object value = arguments.get(index);
        if (value == null) {
            return null;
        }
        if (value instanceof Double d) {
            return d;
        }
        throw e.error("argument " + (index + 1) + " must be a number, not " + Values.describe(value));
    }

    private static Object math(List<Object> arguments, Evaluation e, java.util.function.DoubleUnaryOperator operator) {
        Double x = number(arguments, 0, e);
        return x == null ? null : operator.applyAsDouble(x);
    }

    private static Object both(List<Object> a, Evaluation e, java.util.function.BiPredicate<String, String> test) {
        Optional<String> s = text(a, 0, e);
        Optional<String> t = text(a, 1, e);
        return s.isEmpty() || t.isEmpty() ? null : test.test(s.get(), t.get());
    }

    private static Object extreme(List<Object> a, Evaluation e, int sign) {
        Double best = null;
        for (int i = 0; i < a.size(); i++) {
            Double x = number(a, i, e);
            if (x == null) {
                return null;
            }
            best = best == null || Double.compare(x, best) * sign > 0 ? x : best;
        }
        return best;
    }

    private static PhysicalUnit unit(String name, Evaluation e) {
        return PhysicalUnit.parse(name).orElseThrow(() -> e.error("unknown unit '" + name + "'"));
    }
}

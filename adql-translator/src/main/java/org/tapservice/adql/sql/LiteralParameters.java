package org.tapservice.adql.sql;

import org.tapservice.adql.catalog.ColumnType;
import org.tapservice.adql.tree.NumericLiteral;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The numeric literals of one formatting run that become parameters ({@link
 * org.tapservice.adql.LiteralBinding#PARAMETERS}). The formatter assembles SQL from its pieces
 * out of reading order (a DISTANCE bound prints its point twice, on either side of {@code <@}),
 * so a literal is first printed as a marker naming its value, {@code $n}; {@link #resolve} then
 * reads the finished text in order and turns each marker into a {@code ?} with its value.
 */
final class LiteralParameters {

    /**
     * More parameters than this and the query is printed with its literals inline: a huge IN
     * list gains nothing from a prepared statement, and the protocol counts parameters in 16 bits.
     */
    static final int MAX_PARAMETERS = 1000;

    private final boolean enabled;
    private final List<Object> values = new ArrayList<>();
    private int inlineDepth;

    LiteralParameters(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether a literal formatted now becomes a parameter. */
    boolean binding() {
        return enabled && inlineDepth == 0;
    }

    /**
     * A literal as SQL: its marker where parameters are wanted here, else its text.
     *
     * @param type the literal's type as the analysis worked it out
     */
    String print(NumericLiteral literal, ColumnType type, String inline) {
        return binding() ? marker(value(literal, type)) : inline;
    }

    /**
     * A minus sign and the literal it applies to as one parameter, so that a cone in the south
     * is the same text as one in the north. The value keeps the type of the literal, which is
     * what PostgreSQL negates.
     */
    String printNegated(NumericLiteral literal, ColumnType type) {
        return marker(switch (value(literal, type)) {
            case Integer value -> -value;
            case Long value -> -value;
            case BigDecimal value -> value.negate();
            default -> throw new IllegalStateException("unexpected parameter type");
        });
    }

    private String marker(Object value) {
        values.add(value);
        return "$" + (values.size() - 1);
    }

    /** Runs a piece of formatting whose literals must stay in the text (a select list, GROUP BY...). */
    <T> T inline(Supplier<T> formatting) {
        inlineDepth++;
        try {
            return formatting.get();
        }
        finally {
            inlineDepth--;
        }
    }

    boolean tooMany() {
        return values.size() > MAX_PARAMETERS;
    }

    /**
     * The Java value that JDBC sends with the type PostgreSQL gives the literal. The analysis
     * types an integer literal as PostgreSQL does, integer when it fits, then bigint; any other
     * number (1.5, 1e3, an integer past bigint) is numeric to PostgreSQL.
     */
    private static Object value(NumericLiteral literal, ColumnType type) {
        return switch (type) {
            case INTEGER -> literal.integerValue().intValueExact();
            case BIGINT -> literal.integerValue().longValueExact();
            default -> literal.value();
        };
    }

    /**
     * The finished text with each marker replaced by {@code ?}, and the parameters in the order
     * of the {@code ?}s. Markers are looked for outside quoted strings and identifiers only, the
     * formatter writing no other {@code $} there.
     */
    PrintedSql resolve(String sql) {
        if (values.isEmpty()) {
            return new PrintedSql(sql, List.of());
        }
        StringBuilder text = new StringBuilder(sql.length());
        List<Object> ordered = new ArrayList<>();
        int copied = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                // a doubled quote inside a quoted text toggles twice: no special case needed
                quote = c == quote ? 0 : quote;
            }
            else if (c == '\'' || c == '"') {
                quote = c;
            }
            else if (c == '$' && i + 1 < sql.length() && Character.isDigit(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
                    end++;
                }
                ordered.add(values.get(Integer.parseInt(sql, i + 1, end, 10)));
                text.append(sql, copied, i).append('?');
                copied = end;
                i = end - 1;
            }
        }
        text.append(sql, copied, sql.length());
        return new PrintedSql(text.toString(), ordered);
    }
}

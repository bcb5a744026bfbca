package org.tapservice.adql.catalog;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A type as a declaration writes it (a function signature, a table description): its text,
 * e.g. {@code TEXT} or {@code VARCHAR(20)}, and the {@link ColumnType} it stands for.
 */
public record AdqlType(String text, ColumnType columnType) {

    private static final Pattern TYPE = Pattern.compile("([A-Za-z]+(?:\\s+[A-Za-z]+)?)\\s*(?:\\(\\s*(\\d+|\\*)\\s*\\))?");
    private static final String KNOWN = "SMALLINT, INTEGER, BIGINT, REAL, DOUBLE PRECISION, CHAR(n), VARCHAR(n), TEXT, CLOB, "
            + "TIMESTAMP, BOOLEAN, BLOB, POINT, CIRCLE, POLYGON, REGION";

    public AdqlType {
        requireNonNull(text, "text is null");
        requireNonNull(columnType, "columnType is null");
        if (columnType == ColumnType.UNKNOWN) {
            throw new IllegalArgumentException("a declared type is never UNKNOWN");
        }
    }

    /**
     * Reads {@code INTEGER}, {@code double precision}, {@code VARCHAR(20)}, {@code CHAR(*)}...;
     * the text is kept in upper case with single spaces, as a capabilities document shows it.
     *
     * @throws IllegalArgumentException naming the type and the ones that are known
     */
    public static AdqlType parse(String text) {
        requireNonNull(text, "text is null");
        Matcher matcher = TYPE.matcher(text.strip());
        String name = matcher.matches() ? matcher.group(1).replaceAll("\\s+", " ").toUpperCase(Locale.ROOT) : "";
        ColumnType type = ColumnType.fromAdqlName(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown ADQL type '" + text.strip() + "': expected one of " + KNOWN));
        String length = matcher.group(2);
        if (length == null) {
            return new AdqlType(name, type);
        }
        if (!name.equals("CHAR") && !name.equals("VARCHAR")) {
            throw new IllegalArgumentException("the ADQL type " + name + " takes no length");
        }
        return new AdqlType(name + "(" + length + ")", type);
    }

    @Override
    public String toString() {
        return text;
    }
}

package org.tapservice.adql.catalog;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * A name as written in ADQL. A regular identifier matches case-insensitively; a delimited
 * one ({@code "Name"}, {@code text} without the quotes) matches exactly.
 */
public record Identifier(String text, boolean delimited) {

    private static final Pattern REGULAR = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    public Identifier {
        requireNonNull(text, "text is null");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("an identifier is never empty");
        }
    }

    public static Identifier regular(String text) {
        return new Identifier(text, false);
    }

    public static Identifier delimited(String text) {
        return new Identifier(text, true);
    }

    /**
     * Whether a name can be written as it is, as a regular identifier: a letter, then letters,
     * digits and underscores, and not a word ADQL reserves.
     */
    public static boolean isRegular(String name) {
        return REGULAR.matcher(name).matches() && !ReservedWords.contains(name);
    }

    public boolean matches(String name) {
        return delimited ? text.equals(name) : text.equalsIgnoreCase(name);
    }

    /** Whether both identifiers name the same thing; a regular one stands for all its casings. */
    public boolean matches(Identifier other) {
        if (delimited && other.delimited) {
            return text.equals(other.text);
        }
        return delimited ? other.matches(text) : matches(other.text);
    }
}

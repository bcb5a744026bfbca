package org.tapservice.adql;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Breaks a query the ways people and programs break queries: tokens dropped, repeated, swapped
 * or replaced, stray characters, unbalanced quotes and parentheses, the text cut short, and
 * sizes meant to find limits (very long identifiers and strings, deep parentheses, long
 * operator chains).
 */
public final class QueryMutator {

    /**
     * Strings, delimited identifiers, words, numbers, two-character operators, other characters,
     * spaces. Possessive, so that the long literals made here do not overflow the matcher's stack.
     */
    private static final Pattern TOKEN = Pattern.compile(
            "'(?:[^']++|'')*+'?|\"(?:[^\"]++|\"\")*+\"?|[A-Za-z_][A-Za-z0-9_]*|\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?|\\.\\d+|\\|\\||<=|>=|<>|!=|--|\\s+|.",
            Pattern.DOTALL);

    private static final List<String> VOCABULARY = List.of(
            "(", ")", ",", "*", "'", "\"", ".", ";", "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "NULL", "1", "-1", "0x", "1e",
            "TOP", "DISTINCT", "ORDER BY", "GROUP BY", "HAVING", "JOIN", "NATURAL", "USING", "ON", "AS", "CONTAINS(", "POINT(",
            "COUNT(*)", "SUM(", "||", "=", "<", "UNION", "EXCEPT", "WITH", "CASE", "WHEN", "THEN", "END", "IN", "BETWEEN", "LIKE",
            "ESCAPE", "IS", "CAST(", "AS INTEGER", "OFFSET", "ivo_hasword(", "ivo_nosuch(", "-- comment\n", "/*", "%", "#", "?",
            "\\", "@", "$", "[", "]", "{", "}", "é", "\u0000", "\u00a0", "\ud83d\ude00", "\ud800");

    private static final String CHARACTERS = "'\"()., ;*+-/%<>=!|&^~#?@$[]{}\\_\t\n\r\u0000\u00e9\u2028aZ09";

    private QueryMutator() {
    }

    public static String mutate(String query, RandomGenerator random) {
        String mutant = query;
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            mutant = mutateOnce(mutant, random);
        }
        return mutant;
    }

    private static String mutateOnce(String query, RandomGenerator random) {
        List<String> tokens = tokens(query);
        List<Integer> words = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (!tokens.get(i).isBlank()) {
                words.add(i);
            }
        }
        if (words.isEmpty()) {
            return query + pick(VOCABULARY, random);
        }
        int at = words.get(random.nextInt(words.size()));
        String token = tokens.get(at);
        switch (random.nextInt(12)) {
            case 0 -> tokens.remove(at);
            case 1 -> tokens.add(at, token + " ");
            case 2 -> {
                int other = words.get(random.nextInt(words.size()));
                tokens.set(at, tokens.get(other));
                tokens.set(other, token);
            }
            case 3 -> tokens.add(at, " " + pick(VOCABULARY, random) + " ");
            case 4 -> tokens.set(at, pick(VOCABULARY, random));
            case 5 -> {
                return insert(query, randomCharacters(random), random);
            }
            case 6 -> {
                return insert(query, random.nextBoolean() ? "'" : "\"", random);
            }
            case 7 -> {
                return random.nextBoolean() || query.indexOf('(') < 0
                        ? insert(query, random.nextBoolean() ? "(" : ")", random)
                        : query.replaceFirst(random.nextBoolean() ? "\\(" : "\\)", "");
            }
            case 8 -> tokens.set(at, longName(token, random));
            case 9 -> {
                return query.substring(0, random.nextInt(query.length() + 1));
            }
            case 10 -> {
                int depth = 150 + random.nextInt(150);
                tokens.set(at, "(".repeat(depth) + token + ")".repeat(depth));
            }
            default -> {
                StringBuilder chain = new StringBuilder(token);
                String operator = pick(List.of(" + ", " * ", " || ", " OR 1 = ", " AND 1 < ", " - "), random);
                for (int i = 200 + random.nextInt(3000); i > 0; i--) {
                    chain.append(operator).append(token);
                }
                tokens.set(at, chain.toString());
            }
        }
        return String.join("", tokens);
    }

    /** An identifier, string or number long enough to find any limit on names or buffers. */
    private static String longName(String token, RandomGenerator random) {
        int length = 1_000 + random.nextInt(30_000);
        return switch (random.nextInt(3)) {
            case 0 -> "x".repeat(length);
            case 1 -> "\"" + "y".repeat(length) + "\"";
            default -> token.startsWith("'") ? "'" + "z".repeat(length) + "'" : "9".repeat(length);
        };
    }

    private static List<String> tokens(String query) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(query);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    private static String randomCharacters(RandomGenerator random) {
        StringBuilder text = new StringBuilder();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            text.append(CHARACTERS.charAt(random.nextInt(CHARACTERS.length())));
        }
        return text.toString();
    }

    private static String insert(String query, String text, RandomGenerator random) {
        int at = random.nextInt(query.length() + 1);
        return query.substring(0, at) + text + query.substring(at);
    }

    private static String pick(List<String> choices, RandomGenerator random) {
        return choices.get(random.nextInt(choices.size()));
    }
}

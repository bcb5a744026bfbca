package org.tapservice.obscore.mapping;

import static java.util.Objects.requireNonNull;

/**
 * A file pattern relative to the collection's directory: {@code *} matches within one path
 * segment, {@code **} across segments, {@code ?} one character other than '/'. Matched by
 * dynamic programming in time proportional to pattern times path length: a pattern from a
 * stranger's mapping cannot make matching backtrack exponentially, as a regular expression
 * built from it could.
 */
public record GlobPattern(String pattern) {

    public static final int MAX_LENGTH = 256;

    public GlobPattern {
        requireNonNull(pattern, "pattern is null");
        if (pattern.isEmpty() || pattern.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a file pattern must have 1 to " + MAX_LENGTH + " characters");
        }
    }

    public boolean matches(String path) {
        int p = pattern.length();
        int n = path.length();
        // matched[j]: pattern[0, i) matches path[0, j), row by row over i
        boolean[] matched = new boolean[n + 1];
        matched[0] = true;
        int i = 0;
        while (i < p) {
            char c = pattern.charAt(i);
            boolean[] next = new boolean[n + 1];
            if (c == '*') {
                boolean crossesSlash = i + 1 < p && pattern.charAt(i + 1) == '*';
                boolean reachable = false;
                for (int j = 0; j <= n; j++) {
                    if (matched[j]) {
                        reachable = true;
                    } else if (reachable && j > 0 && !crossesSlash && path.charAt(j - 1) == '/') {
                        reachable = false;
                    }
                    next[j] = reachable;
                }
                i += crossesSlash ? 2 : 1;
                // "**/" also matches no directory at all
                if (crossesSlash && i < p && pattern.charAt(i) == '/') {
                    boolean[] skipped = new boolean[n + 1];
                    for (int j = 0; j <= n; j++) {
                        skipped[j] = next[j] && (j == 0 || path.charAt(j - 1) == '/');
                    }
                    boolean[] afterSlash = new boolean[n + 1];
                    for (int j = 1; j <= n; j++) {
                        afterSlash[j] = next[j - 1] && path.charAt(j - 1) == '/';
                    }
                    for (int j = 0; j <= n; j++) {
                        next[j] = afterSlash[j] || skipped[j];
                    }
                    i++;
                }
            } else {
                for (int j = 1; j <= n; j++) {
                    char s = path.charAt(j - 1);
                    next[j] = matched[j - 1] && (c == '?' ? s != '/' : c == s);
                }
                i++;
            }
            matched = next;
        }
        return matched[n];
    }
}

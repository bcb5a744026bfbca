package org.tapservice.adql.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code name(parameter TYPE, ...) -> TYPE}. Hand-written rather than a second grammar:
 * the language is one line long, and its errors should point at a column of that line.
 */
final class SignatureParser {

    private final String text;
    private int position;

    SignatureParser(String text) {
        this.text = text;
    }

    FunctionSignature signature() {
        String name = identifier("the function's name");
        expect('(', "'(' after the function's name");
        List<FunctionSignature.Parameter> parameters = new ArrayList<>();
        skipSpaces();
        if (!next(')')) {
            do {
                String parameter = identifier("a parameter name");
                parameters.add(new FunctionSignature.Parameter(parameter, type("a type for parameter '" + parameter + "'", ",)")));
            }
            while (next(','));
            expect(')', "',' or ')' after a parameter");
        }
        skipSpaces();
        if (!text.startsWith("->", position)) {
            throw error("'->' and the return type");
        }
        position += 2;
        AdqlType returnType = type("the return type", "");
        try {
            return new FunctionSignature(name, parameters, returnType);
        }
        catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private String identifier(String what) {
        skipSpaces();
        int start = position;
        if (position < text.length() && isLetter(text.charAt(position))) {
            position++;
            while (position < text.length() && (isLetter(text.charAt(position)) || isDigit(text.charAt(position)) || text.charAt(position) == '_')) {
                position++;
            }
        }
        if (start == position) {
            throw error(what);
        }
        return text.substring(start, position);
    }

    /** A type runs to the next of {@code ends} outside parentheses, e.g. to the ',' after VARCHAR(20). */
    private AdqlType type(String what, String ends) {
        skipSpaces();
        int start = position;
        int depth = 0;
        while (position < text.length() && (depth > 0 || ends.indexOf(text.charAt(position)) < 0)) {
            char c = text.charAt(position);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            position++;
        }
        String type = text.substring(start, position).strip();
        if (type.isEmpty()) {
            position = start;
            throw error(what);
        }
        try {
            return AdqlType.parse(type);
        }
        catch (IllegalArgumentException e) {
            throw invalid(e.getMessage() + " (at column " + (start + 1) + ")");
        }
    }

    private void expect(char c, String what) {
        if (!next(c)) {
            throw error(what);
        }
    }

    private boolean next(char c) {
        skipSpaces();
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    /** As ADQL's regular identifiers: ASCII only. */
    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private IllegalArgumentException error(String expected) {
        String found = position < text.length() ? "'" + text.charAt(position) + "'" : "the end";
        return invalid("expected " + expected + " at column " + (position + 1) + ", found " + found);
    }

    private IllegalArgumentException invalid(String reason) {
        return new IllegalArgumentException("invalid function signature '" + text + "': " + reason);
    }
}

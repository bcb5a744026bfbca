package org.tapservice.obscore.expr;

import java.util.ArrayList;
import java.util.List;

/** Splits an expression into tokens; strings are quoted with ' or " and double their quote to hold it. */
final class Lexer {

    private static final String TWO_CHARACTER_SYMBOLS = "== != <= >=";
    private static final String SYMBOLS = "+-*/%()<>,?:";

    private final String text;

    Lexer(String text) {
        this.text = text;
    }

    List<Token> tokens() {
        var tokens = new ArrayList<Token>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                int end = number(i);
                tokens.add(new Token(Token.Type.NUMBER, text.substring(i, end), column));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                tokens.add(new Token(Token.Type.NAME, text.substring(i, end), column));
                i = end;
            } else if (c == '\'' || c == '"') {
                var value = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= text.length()) {
                        throw new ExpressionException("a text opened here is never closed with " + c, column);
                    }
                    if (text.charAt(j) == c) {
                        if (j + 1 < text.length() && text.charAt(j + 1) == c) {
                            value.append(c);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    value.append(text.charAt(j++));
                }
                tokens.add(new Token(Token.Type.STRING, value.toString(), column));
                i = j + 1;
            } else if (i + 1 < text.length() && TWO_CHARACTER_SYMBOLS.contains(text.substring(i, i + 2))
                    && text.charAt(i + 1) == '=') {
                tokens.add(new Token(Token.Type.SYMBOL, text.substring(i, i + 2), column));
                i += 2;
            } else if (SYMBOLS.indexOf(c) >= 0) {
                tokens.add(new Token(Token.Type.SYMBOL, String.valueOf(c), column));
                i++;
            } else {
                throw new ExpressionException("unexpected character '" + c + "'", column);
            }
        }
        tokens.add(new Token(Token.Type.END, "", text.length() + 1));
        return tokens;
    }

    private int number(int start) {
        int i = start;
        while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
            i++;
        }
        if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < text.length() && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
                j++;
            }
            if (j < text.length() && Character.isDigit(text.charAt(j))) {
                i = j;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
            }
        }
        String literal = text.substring(start, i);
        if (literal.indexOf('.') != literal.lastIndexOf('.')) {
            throw new ExpressionException("'" + literal + "' is not a number", start + 1);
        }
        return i;
    }
}

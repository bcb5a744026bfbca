package org.tapservice.obscore.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The grammar, by recursive descent (lowest precedence first):
 * <pre>
 * expression  = or [ "?" expression ":" expression ]
 * or          = and { "or" and }
 * and         = not { "and" not }
 * not         = "not" not | comparison
 * comparison  = sum [ ("==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") sum ]
 * sum         = product { ("+" | "-") product }
 * product     = unary { ("*" | "/" | "%") unary }
 * unary       = "-" unary | primary
 * primary     = number | 'text' | "text" | true | false | null | "(" expression ")"
 *             | NAME "(" [ expression { "," expression } ] ")"     a function of the fixed list
 *             | NAME                                                 a header keyword (EXPTIME, MJD_OBS)
 * </pre>
 * Keywords with characters a name cannot hold are read with {@code header('DATE-OBS')}. The text
 * length and nesting depth are limited before anything is built.
 */
public final class ExpressionParser {

    private final ExpressionLimits limits;

    public ExpressionParser(ExpressionLimits limits) {
        this.limits = limits;
    }

    public Expression parse(String text) {
        if (text.length() > limits.maxLength()) {
            throw new ExpressionException("the expression is " + text.length() + " characters long; at most "
                    + limits.maxLength() + " are allowed", 0);
        }
        var state = new State(new Lexer(text).tokens());
        Expression expression = state.expression(0);
        Token next = state.peek();
        if (next.type() != Token.Type.END) {
            throw new ExpressionException("unexpected " + next.describe() + " after the end of the expression", next.column());
        }
        return expression;
    }

    private final class State {

        private final List<Token> tokens;
        private int position;

        State(List<Token> tokens) {
            this.tokens = tokens;
        }

        Token peek() {
            return tokens.get(position);
        }

        Token next() {
            return tokens.get(position++);
        }

        boolean accept(String symbol) {
            if (peek().is(symbol)) {
                position++;
                return true;
            }
            return false;
        }

        void expect(String symbol) {
            Token token = next();
            if (!token.is(symbol)) {
                throw new ExpressionException("expected '" + symbol + "' but found " + token.describe(), token.column());
            }
        }

        private void deeper(int depth, Token at) {
            if (depth > limits.maxDepth()) {
                throw new ExpressionException("the expression nests deeper than " + limits.maxDepth() + " levels",
                        at.column());
            }
        }

        Expression expression(int depth) {
            deeper(depth, peek());
            Expression condition = or(depth);
            Token question = peek();
            if (accept("?")) {
                Expression then = expression(depth + 1);
                expect(":");
                Expression otherwise = expression(depth + 1);
                return new Expression.Conditional(condition, then, otherwise, question.column());
            }
            return condition;
        }

        Expression or(int depth) {
            Expression left = and(depth);
            while (peek().is("or")) {
                Token operator = next();
                left = new Expression.Binary(Expression.Operator.OR, left, and(depth), operator.column());
            }
            return left;
        }

        Expression and(int depth) {
            Expression left = not(depth);
            while (peek().is("and")) {
                Token operator = next();
                left = new Expression.Binary(Expression.Operator.AND, left, not(depth), operator.column());
            }
            return left;
        }

        Expression not(int depth) {
            Token token = peek();
            if (accept("not")) {
                deeper(depth + 1, token);
                return new Expression.Unary(Expression.Operator.NOT, not(depth + 1), token.column());
            }
            return comparison(depth);
        }

        Expression comparison(int depth) {
            Expression left = sum(depth);
            Token token = peek();
            Expression.Operator operator = switch (token.type() == Token.Type.SYMBOL ? token.text() : "") {
                case "==" -> Expression.Operator.EQUAL;
                case "!=" -> Expression.Operator.NOT_EQUAL;
                case "<" -> Expression.Operator.LESS;
                case "<=" -> Expression.Operator.LESS_OR_EQUAL;
                case ">" -> Expression.Operator.GREATER;
                case ">=" -> Expression.Operator.GREATER_OR_EQUAL;
                default -> null;
            };
            if (operator == null) {
                return left;
            }
            next();
            return new Expression.Binary(operator, left, sum(depth), token.column());
        }

        Expression sum(int depth) {
            Expression left = product(depth);
            while (peek().is("+") || peek().is("-")) {
                Token token = next();
                left = new Expression.Binary(token.is("+") ? Expression.Operator.ADD : Expression.Operator.SUBTRACT,
                        left, product(depth), token.column());
            }
            return left;
        }

        Expression product(int depth) {
            Expression left = unary(depth);
            while (peek().is("*") || peek().is("/") || peek().is("%")) {
                Token token = next();
                Expression.Operator operator = token.is("*") ? Expression.Operator.MULTIPLY
                        : token.is("/") ? Expression.Operator.DIVIDE : Expression.Operator.MODULO;
                left = new Expression.Binary(operator, left, unary(depth), token.column());
            }
            return left;
        }

        Expression unary(int depth) {
            Token token = peek();
            if (accept("-")) {
                deeper(depth + 1, token);
                return new Expression.Unary(Expression.Operator.NEGATE, unary(depth + 1), token.column());
            }
            return primary(depth);
        }

        Expression primary(int depth) {
            Token token = next();
            return switch (token.type()) {
                case NUMBER -> new Expression.Literal(Double.parseDouble(token.text()), token.column());
                case STRING -> new Expression.Literal(token.text(), token.column());
                case NAME -> name(token, depth);
                case SYMBOL -> {
                    if (!token.is("(")) {
                        throw new ExpressionException("unexpected " + token.describe(), token.column());
                    }
                    Expression inner = expression(depth + 1);
                    expect(")");
                    yield inner;
                }
                case END -> throw new ExpressionException("the expression ends too early", token.column());
            };
        }

        private Expression name(Token token, int depth) {
            String lower = token.text().toLowerCase(Locale.ROOT);
            switch (lower) {
                case "true" -> {
                    return new Expression.Literal(Boolean.TRUE, token.column());
                }
                case "false" -> {
                    return new Expression.Literal(Boolean.FALSE, token.column());
                }
                case "null" -> {
                    return new Expression.Literal(null, token.column());
                }
                case "and", "or", "not" -> throw new ExpressionException("unexpected '" + lower + "'", token.column());
                default -> {
                    // a function call or a keyword
                }
            }
            if (!peek().is("(")) {
                return new Expression.Keyword(token.text().toUpperCase(Locale.ROOT), token.column());
            }
            Function function = Function.named(token.text()).orElseThrow(() -> new ExpressionException(
                    "no function '" + token.text() + "': an expression can call only " + Function.names(),
                    token.column()));
            next();
            deeper(depth + 1, token);
            var arguments = new ArrayList<Expression>();
            if (!accept(")")) {
                do {
                    arguments.add(expression(depth + 1));
                } while (accept(","));
                expect(")");
            }
            if (arguments.size() < function.minArguments() || arguments.size() > function.maxArguments()) {
                throw new ExpressionException(function.functionName() + " takes " + arity(function) + ", not "
                        + arguments.size() + ": " + function.synopsis(), token.column());
            }
            return new Expression.Call(function, arguments, token.column());
        }

        private static String arity(Function function) {
            return function.minArguments() == function.maxArguments()
                    ? function.minArguments() + " argument" + (function.minArguments() == 1 ? "" : "s")
                    : function.minArguments() + " to " + function.maxArguments() + " arguments";
        }
    }
}

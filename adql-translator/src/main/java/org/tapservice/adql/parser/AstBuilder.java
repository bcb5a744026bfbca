package org.tapservice.adql.parser;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.tapservice.adql.AdqlException;
import org.tapservice.adql.ErrorCode;
import org.tapservice.adql.catalog.Identifier;
import org.tapservice.adql.grammar.AdqlParser;
import org.tapservice.adql.tree.Expression;
import org.tapservice.adql.tree.NodeLocation;
import org.tapservice.adql.tree.Query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a parse tree into the immutable syntax tree. Split by clause:
 * {@link QueryBuilder} (queries, SELECT lists, ORDER BY), {@link RelationBuilder} (FROM)
 * and {@link ExpressionBuilder} (values and conditions); this class holds what they share.
 */
final class AstBuilder {

    private AstBuilder() {
    }

    static Query query(AdqlParser.SingleStatementContext context) {
        return QueryBuilder.query(context.query());
    }

    static Expression expression(AdqlParser.StandaloneExpressionContext context) {
        return ExpressionBuilder.value(context.valueExpression());
    }

    static Expression condition(AdqlParser.StandaloneConditionContext context) {
        return ExpressionBuilder.condition(context.booleanExpression());
    }

    static NodeLocation location(ParserRuleContext context) {
        return location(context.getStart());
    }

    static NodeLocation location(Token token) {
        return new NodeLocation(token.getLine(), token.getCharPositionInLine() + 1);
    }

    static Identifier identifier(AdqlParser.IdentifierContext context) {
        return switch (context) {
            case AdqlParser.RegularIdentifierContext regular -> Identifier.regular(tokenText(regular));
            case AdqlParser.DelimitedIdentifierContext delimited -> {
                String quoted = tokenText(delimited);
                String text = quoted.substring(1, quoted.length() - 1).replace("\"\"", "\"");
                if (text.isEmpty()) {
                    throw new AdqlException(ErrorCode.SYNTAX_ERROR, location(context), "a delimited identifier must not be empty");
                }
                yield Identifier.delimited(text);
            }
            default -> throw unexpected(context);
        };
    }

    /**
     * The text of a rule that matches exactly one token (an identifier, a number, a string):
     * the token's own, where {@code getText()} would copy it through a StringBuilder.
     */
    static String tokenText(ParserRuleContext oneToken) {
        return oneToken.getStart().getText();
    }

    static List<Identifier> identifiers(List<AdqlParser.IdentifierContext> contexts) {
        return map(contexts, AstBuilder::identifier);
    }

    /**
     * The nodes built from each of {@code contexts}, in order. A loop, not a stream: it runs
     * for every list in the tree, and a stream pipeline costs more than the building; and
     * {@link List#copyOf} gives the list the records keep without copying it again.
     */
    static <C, T> List<T> map(List<C> contexts, Function<? super C, ? extends T> build) {
        List<T> built = new ArrayList<>(contexts.size());
        for (C context : contexts) {
            built.add(build.apply(context));
        }
        return List.copyOf(built);
    }

    static long unsignedInteger(Token token, String what) {
        try {
            return Long.parseLong(token.getText());
        }
        catch (NumberFormatException e) {
            throw new AdqlException(ErrorCode.INVALID_LITERAL, location(token), what + " " + token.getText() + " is too large");
        }
    }

    /** A parse tree shape the builder does not know: the grammar and this package disagree. */
    static IllegalStateException unexpected(ParserRuleContext context) {
        return new IllegalStateException("unexpected parse tree node " + context.getClass().getSimpleName() + ": " + context.getText());
    }
}

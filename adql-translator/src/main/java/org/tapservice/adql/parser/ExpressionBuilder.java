package org.tapservice.adql.parser;

import org.antlr.v4.runtime.Token;
import org.tapservice.adql.AdqlException;
import org.tapservice.adql.ErrorCode;
import org.tapservice.adql.catalog.Identifier;
import org.tapservice.adql.grammar.AdqlParser;
import org.tapservice.adql.tree.Aggregate;
import org.tapservice.adql.tree.ArithmeticBinary;
import org.tapservice.adql.tree.ArithmeticUnary;
import org.tapservice.adql.tree.Between;
import org.tapservice.adql.tree.BitwiseBinary;
import org.tapservice.adql.tree.BitwiseNot;
import org.tapservice.adql.tree.CaseExpression;
import org.tapservice.adql.tree.Cast;
import org.tapservice.adql.tree.ColumnReference;
import org.tapservice.adql.tree.Comparison;
import org.tapservice.adql.tree.Concatenation;
import org.tapservice.adql.tree.Exists;
import org.tapservice.adql.tree.Expression;
import org.tapservice.adql.tree.FunctionCall;
import org.tapservice.adql.tree.InList;
import org.tapservice.adql.tree.InSubquery;
import org.tapservice.adql.tree.IsNull;
import org.tapservice.adql.tree.Like;
import org.tapservice.adql.tree.LogicalBinary;
import org.tapservice.adql.tree.Not;
import org.tapservice.adql.tree.NullLiteral;
import org.tapservice.adql.tree.NumericLiteral;
import org.tapservice.adql.tree.Query;
import org.tapservice.adql.tree.ScalarSubquery;
import org.tapservice.adql.tree.StringLiteral;
import org.tapservice.adql.tree.WhenClause;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import static org.tapservice.adql.parser.AstBuilder.identifier;
import static org.tapservice.adql.parser.AstBuilder.identifiers;
import static org.tapservice.adql.parser.AstBuilder.location;
import static org.tapservice.adql.parser.AstBuilder.map;
import static org.tapservice.adql.parser.AstBuilder.tokenText;
import static org.tapservice.adql.parser.AstBuilder.unexpected;

/** Value expressions and search conditions. */
final class ExpressionBuilder {

    private ExpressionBuilder() {
    }

    static Expression condition(AdqlParser.BooleanExpressionContext context) {
        return switch (context) {
            case AdqlParser.PredicatedContext predicated -> predicate(predicated.predicate());
            case AdqlParser.LogicalNotContext not -> new Not(condition(not.booleanExpression()), location(not));
            case AdqlParser.LogicalBinaryContext binary -> new LogicalBinary(
                    binary.AND() != null ? LogicalBinary.Operator.AND : LogicalBinary.Operator.OR,
                    condition(binary.left), condition(binary.right), location(binary.operator));
            default -> throw unexpected(context);
        };
    }

    private static Expression predicate(AdqlParser.PredicateContext context) {
        return switch (context) {
            case AdqlParser.ParenthesizedConditionContext parenthesized -> condition(parenthesized.booleanExpression());
            case AdqlParser.ExistsContext exists -> new Exists(subquery(exists.subquery()), location(exists));
            case AdqlParser.ValuePredicateContext predicate -> predicate(value(predicate.valueExpression()), predicate.predicateTail());
            default -> throw unexpected(context);
        };
    }

    private static Expression predicate(Expression value, AdqlParser.PredicateTailContext context) {
        return switch (context) {
            case AdqlParser.ComparisonContext comparison -> new Comparison(
                    comparisonOperator(comparison.comparisonOperator().getStart()),
                    value, value(comparison.right), location(comparison));
            case AdqlParser.BetweenContext between -> new Between(
                    value, value(between.lower), value(between.upper), between.NOT() != null, location(between));
            case AdqlParser.InListContext in -> new InList(
                    value, map(in.valueExpression(), ExpressionBuilder::value), in.NOT() != null, location(in));
            case AdqlParser.InSubqueryContext in -> new InSubquery(
                    value, subquery(in.subquery()), in.NOT() != null, location(in));
            case AdqlParser.LikeContext like -> new Like(
                    value, value(like.pattern), Optional.ofNullable(like.escape).map(ExpressionBuilder::value),
                    like.ILIKE() != null, like.NOT() != null, location(like));
            case AdqlParser.NullPredicateContext isNull -> new IsNull(value, isNull.NOT() != null, location(isNull));
            default -> throw unexpected(context);
        };
    }

    private static Comparison.Operator comparisonOperator(Token token) {
        return switch (token.getType()) {
            case AdqlParser.EQ -> Comparison.Operator.EQUAL;
            case AdqlParser.NEQ -> Comparison.Operator.NOT_EQUAL;
            case AdqlParser.LT -> Comparison.Operator.LESS_THAN;
            case AdqlParser.LTE -> Comparison.Operator.LESS_THAN_OR_EQUAL;
            case AdqlParser.GT -> Comparison.Operator.GREATER_THAN;
            case AdqlParser.GTE -> Comparison.Operator.GREATER_THAN_OR_EQUAL;
            default -> throw new IllegalStateException("unexpected comparison operator " + token.getText());
        };
    }

    private static Query subquery(AdqlParser.SubqueryContext context) {
        return QueryBuilder.query(context.queryNoWith());
    }

    static Expression value(AdqlParser.ValueExpressionContext context) {
        return switch (context) {
            case AdqlParser.ValueExpressionDefaultContext primary -> primary(primary.primaryExpression());
            case AdqlParser.UnaryContext unary -> switch (unary.operator.getType()) {
                case AdqlParser.MINUS -> new ArithmeticUnary(ArithmeticUnary.Sign.MINUS, value(unary.valueExpression()), location(unary));
                case AdqlParser.PLUS -> new ArithmeticUnary(ArithmeticUnary.Sign.PLUS, value(unary.valueExpression()), location(unary));
                default -> new BitwiseNot(value(unary.valueExpression()), location(unary));
            };
            case AdqlParser.ArithmeticBinaryContext binary -> new ArithmeticBinary(
                    arithmeticOperator(binary.operator), value(binary.left), value(binary.right), location(binary.operator));
            case AdqlParser.BitwiseBinaryContext binary -> new BitwiseBinary(
                    bitwiseOperator(binary.operator), value(binary.left), value(binary.right), location(binary.operator));
            case AdqlParser.ConcatenationContext concatenation -> new Concatenation(
                    value(concatenation.left), value(concatenation.right), location(concatenation.CONCAT().getSymbol()));
            default -> throw unexpected(context);
        };
    }

    private static ArithmeticBinary.Operator arithmeticOperator(Token token) {
        return switch (token.getType()) {
            case AdqlParser.PLUS -> ArithmeticBinary.Operator.ADD;
            case AdqlParser.MINUS -> ArithmeticBinary.Operator.SUBTRACT;
            case AdqlParser.ASTERISK -> ArithmeticBinary.Operator.MULTIPLY;
            case AdqlParser.SLASH -> ArithmeticBinary.Operator.DIVIDE;
            default -> throw new IllegalStateException("unexpected arithmetic operator " + token.getText());
        };
    }

    private static BitwiseBinary.Operator bitwiseOperator(Token token) {
        return switch (token.getType()) {
            case AdqlParser.AMPERSAND -> BitwiseBinary.Operator.AND;
            case AdqlParser.PIPE -> BitwiseBinary.Operator.OR;
            case AdqlParser.CARET -> BitwiseBinary.Operator.XOR;
            default -> throw new IllegalStateException("unexpected bitwise operator " + token.getText());
        };
    }

    private static Expression primary(AdqlParser.PrimaryExpressionContext context) {
        return switch (context) {
            case AdqlParser.NullLiteralContext literal -> new NullLiteral(location(literal));
            case AdqlParser.NumericLiteralContext literal -> number(literal.number());
            case AdqlParser.StringLiteralContext literal -> new StringLiteral(unquote(tokenText(literal.string())), location(literal));
            case AdqlParser.CountAllContext count -> new Aggregate(Aggregate.Function.COUNT, false, Optional.empty(), location(count));
            case AdqlParser.AggregateContext aggregate -> new Aggregate(
                    Aggregate.Function.valueOf(aggregate.name.getText().toUpperCase(Locale.ROOT)),
                    aggregate.setQuantifier() != null && aggregate.setQuantifier().DISTINCT() != null,
                    Optional.of(value(aggregate.valueExpression())),
                    location(aggregate));
            case AdqlParser.CastContext cast -> cast(cast);
            case AdqlParser.SimpleCaseContext simple -> new CaseExpression(
                    Optional.of(value(simple.operand)),
                    map(simple.whenClause(), when -> new WhenClause(value(when.condition), value(when.result))),
                    Optional.ofNullable(simple.elseValue).map(ExpressionBuilder::value),
                    location(simple));
            case AdqlParser.SearchedCaseContext searched -> new CaseExpression(
                    Optional.empty(),
                    map(searched.searchedWhenClause(), when -> new WhenClause(condition(when.condition), value(when.result))),
                    Optional.ofNullable(searched.elseValue).map(ExpressionBuilder::value),
                    location(searched));
            case AdqlParser.FunctionCallContext call -> new FunctionCall(
                    functionName(call.functionName()),
                    map(call.valueExpression(), ExpressionBuilder::value),
                    location(call));
            case AdqlParser.ColumnReferenceContext column -> columnReference(column);
            case AdqlParser.ScalarSubqueryContext subquery -> new ScalarSubquery(QueryBuilder.query(subquery.queryNoWith()), location(subquery));
            case AdqlParser.ParenthesizedExpressionContext parenthesized -> value(parenthesized.valueExpression());
            default -> throw unexpected(context);
        };
    }

    private static Expression number(AdqlParser.NumberContext context) {
        NumericLiteral.Kind kind = switch (context) {
            case AdqlParser.IntegerLiteralContext ignored -> NumericLiteral.Kind.INTEGER;
            case AdqlParser.DecimalLiteralContext ignored -> NumericLiteral.Kind.DECIMAL;
            case AdqlParser.DoubleLiteralContext ignored -> NumericLiteral.Kind.DOUBLE;
            case AdqlParser.HexLiteralContext ignored -> NumericLiteral.Kind.HEX;
            default -> throw unexpected(context);
        };
        return new NumericLiteral(tokenText(context), kind, location(context));
    }

    private static Expression cast(AdqlParser.CastContext context) {
        Expression value = value(context.valueExpression());
        return switch (context.castTarget()) {
            case AdqlParser.SimpleTypeContext simple -> new Cast(value,
                    Cast.TargetType.valueOf(simple.name.getText().toUpperCase(Locale.ROOT)), OptionalInt.empty(), location(context));
            case AdqlParser.DoubleTypeContext ignored -> new Cast(value, Cast.TargetType.DOUBLE_PRECISION, OptionalInt.empty(), location(context));
            case AdqlParser.CharacterTypeContext character -> new Cast(value,
                    Cast.TargetType.valueOf(character.name.getText().toUpperCase(Locale.ROOT)),
                    character.length == null ? OptionalInt.empty() : OptionalInt.of(length(character.length)),
                    location(context));
            default -> throw unexpected(context.castTarget());
        };
    }

    private static int length(Token token) {
        long length = AstBuilder.unsignedInteger(token, "length");
        if (length < 1 || length > Integer.MAX_VALUE) {
            throw new AdqlException(ErrorCode.INVALID_LITERAL, location(token),
                    "length " + token.getText() + " is out of range");
        }
        return (int) length;
    }

    private static Identifier functionName(AdqlParser.FunctionNameContext context) {
        return context.identifier() != null ? identifier(context.identifier()) : Identifier.regular(tokenText(context));
    }

    private static Expression columnReference(AdqlParser.ColumnReferenceContext context) {
        List<Identifier> parts = identifiers(context.qualifiedName().identifier());
        return new ColumnReference(parts.subList(0, parts.size() - 1), parts.getLast(), location(context));
    }

    private static String unquote(String literal) {
        return literal.substring(1, literal.length() - 1).replace("''", "'");
    }
}

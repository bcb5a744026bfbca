package org.tapservice.adql.tree;

import java.util.ArrayList;
import java.util.List;

/** Structural helpers over expressions. */
public final class Expressions {

    private Expressions() {
    }

    /** The direct subexpressions of an expression, in order; subqueries are not expressions and are left out. */
    public static List<Expression> children(Expression expression) {
        return switch (expression) {
            case Literal ignored -> List.of();
            case ColumnReference ignored -> List.of();
            case ArithmeticUnary unary -> List.of(unary.value());
            case ArithmeticBinary binary -> List.of(binary.left(), binary.right());
            case BitwiseNot not -> List.of(not.value());
            case BitwiseBinary binary -> List.of(binary.left(), binary.right());
            case Concatenation concatenation -> List.of(concatenation.left(), concatenation.right());
            case FunctionCall call -> call.arguments();
            case Aggregate aggregate -> aggregate.argument().stream().toList();
            case Cast cast -> List.of(cast.value());
            case CaseExpression caseExpression -> {
                List<Expression> children = new ArrayList<>();
                caseExpression.operand().ifPresent(children::add);
                for (WhenClause when : caseExpression.whenClauses()) {
                    children.add(when.condition());
                    children.add(when.result());
                }
                caseExpression.elseValue().ifPresent(children::add);
                yield children;
            }
            case Comparison comparison -> List.of(comparison.left(), comparison.right());
            case Between between -> List.of(between.value(), between.min(), between.max());
            case InList in -> {
                List<Expression> children = new ArrayList<>();
                children.add(in.value());
                children.addAll(in.values());
                yield children;
            }
            case InSubquery in -> List.of(in.value());
            case Like like -> {
                List<Expression> children = new ArrayList<>(List.of(like.value(), like.pattern()));
                like.escape().ifPresent(children::add);
                yield children;
            }
            case IsNull isNull -> List.of(isNull.value());
            case Exists ignored -> List.of();
            case ScalarSubquery ignored -> List.of();
            case LogicalBinary binary -> List.of(binary.left(), binary.right());
            case Not not -> List.of(not.value());
        };
    }
}

package org.tapservice.adql.tree;

/** A value or a search condition; the grammar decides which may stand where. */
public sealed interface Expression extends Node
        permits Literal, ColumnReference, ArithmeticUnary, ArithmeticBinary, BitwiseNot, BitwiseBinary,
        Concatenation, FunctionCall, Aggregate, Cast, CaseExpression, Comparison, Between, InList,
        InSubquery, Like, IsNull, Exists, ScalarSubquery, LogicalBinary, Not {
}

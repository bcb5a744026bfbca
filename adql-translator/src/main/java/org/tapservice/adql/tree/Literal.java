package org.tapservice.adql.tree;

public sealed interface Literal extends Expression permits NullLiteral, NumericLiteral, StringLiteral {
}

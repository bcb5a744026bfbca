package org.tapservice.adql.tree;

/** What a query selects: one SELECT, a set operation of them, or a parenthesized query with its own ORDER BY/OFFSET. */
public sealed interface QueryBody extends Node permits QuerySpecification, SetOperation, NestedQuery {
}

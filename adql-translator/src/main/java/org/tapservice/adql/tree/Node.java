package org.tapservice.adql.tree;

/** A node of the ADQL syntax tree: immutable, compared by structure, never by position. */
public sealed interface Node permits Expression, Relation, QueryBody, Query, SelectItem, SortItem, WithQuery {

    NodeLocation location();

    <R, C> R accept(AstVisitor<R, C> visitor, C context);
}

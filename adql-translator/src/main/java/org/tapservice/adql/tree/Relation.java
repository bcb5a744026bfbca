package org.tapservice.adql.tree;

/** Something in a FROM clause. */
public sealed interface Relation extends Node permits Table, AliasedRelation, TableSubquery, Join {
}

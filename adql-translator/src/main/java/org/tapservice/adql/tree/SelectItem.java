package org.tapservice.adql.tree;

public sealed interface SelectItem extends Node permits SingleColumn, AllColumns {
}

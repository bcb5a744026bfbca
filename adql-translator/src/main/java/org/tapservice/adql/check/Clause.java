package org.tapservice.adql.check;

/** Where an expression stands; decides whether aggregates may appear in it. */
enum Clause {
    SELECT("the select list", true),
    WHERE("WHERE", false),
    JOIN_CONDITION("a join condition", false),
    GROUP_BY("GROUP BY", false),
    HAVING("HAVING", true),
    ORDER_BY("ORDER BY", true);

    private final String description;
    private final boolean allowsAggregates;

    Clause(String description, boolean allowsAggregates) {
        this.description = description;
        this.allowsAggregates = allowsAggregates;
    }

    String description() {
        return description;
    }

    boolean allowsAggregates() {
        return allowsAggregates;
    }
}

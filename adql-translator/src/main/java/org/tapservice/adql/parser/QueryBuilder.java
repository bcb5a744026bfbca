package org.tapservice.adql.parser;

import org.tapservice.adql.grammar.AdqlParser;
import org.tapservice.adql.tree.AllColumns;
import org.tapservice.adql.tree.Expression;
import org.tapservice.adql.tree.NestedQuery;
import org.tapservice.adql.tree.Query;
import org.tapservice.adql.tree.QueryBody;
import org.tapservice.adql.tree.QuerySpecification;
import org.tapservice.adql.tree.SelectItem;
import org.tapservice.adql.tree.SetOperation;
import org.tapservice.adql.tree.SingleColumn;
import org.tapservice.adql.tree.SortItem;
import org.tapservice.adql.tree.WithQuery;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import static org.tapservice.adql.parser.AstBuilder.identifier;
import static org.tapservice.adql.parser.AstBuilder.identifiers;
import static org.tapservice.adql.parser.AstBuilder.location;
import static org.tapservice.adql.parser.AstBuilder.map;
import static org.tapservice.adql.parser.AstBuilder.unexpected;
import static org.tapservice.adql.parser.AstBuilder.unsignedInteger;

/** Queries: WITH, set operations, SELECT lists, ORDER BY and OFFSET. */
final class QueryBuilder {

    private QueryBuilder() {
    }

    static Query query(AdqlParser.QueryContext context) {
        Query query = query(context.queryNoWith());
        if (context.with() == null) {
            return query;
        }
        List<WithQuery> with = map(context.with().namedQuery(),
                named -> new WithQuery(identifier(named.name), query(named.queryNoWith()), location(named)));
        return new Query(with, query.body(), query.orderBy(), query.offset(), location(context));
    }

    static Query query(AdqlParser.QueryNoWithContext context) {
        OptionalLong offset = context.offset == null ? OptionalLong.empty() : OptionalLong.of(unsignedInteger(context.offset, "OFFSET"));
        List<SortItem> orderBy = map(context.sortItem(), QueryBuilder::sortItem);
        return new Query(List.of(), body(context.queryTerm()), orderBy, offset, location(context));
    }

    private static QueryBody body(AdqlParser.QueryTermContext context) {
        return switch (context) {
            case AdqlParser.QueryTermDefaultContext term -> body(term.queryPrimary());
            case AdqlParser.SetOperationContext operation -> new SetOperation(
                    SetOperation.Type.valueOf(operation.operator.getText().toUpperCase(Locale.ROOT)),
                    operation.setQuantifier() != null && operation.setQuantifier().ALL() != null,
                    body(operation.left),
                    body(operation.right),
                    location(operation.operator));
            default -> throw unexpected(context);
        };
    }

    private static QueryBody body(AdqlParser.QueryPrimaryContext context) {
        return switch (context) {
            case AdqlParser.QueryPrimaryDefaultContext primary -> specification(primary.querySpecification());
            case AdqlParser.ParenthesizedQueryContext parenthesized -> {
                Query query = query(parenthesized.queryNoWith());
                // Parentheses only group here; the tree shape already records the grouping.
                yield query.orderBy().isEmpty() && query.offset().isEmpty() ? query.body() : new NestedQuery(query, location(parenthesized));
            }
            default -> throw unexpected(context);
        };
    }

    private static QuerySpecification specification(AdqlParser.QuerySpecificationContext context) {
        boolean distinct = context.setQuantifier() != null && context.setQuantifier().DISTINCT() != null;
        OptionalLong top = context.top == null ? OptionalLong.empty() : OptionalLong.of(unsignedInteger(context.top, "TOP"));
        return new QuerySpecification(
                distinct,
                top,
                map(context.selectItem(), QueryBuilder::selectItem),
                map(context.relation(), RelationBuilder::relation),
                Optional.ofNullable(context.where).map(ExpressionBuilder::condition),
                map(context.valueExpression(), ExpressionBuilder::value),
                Optional.ofNullable(context.having).map(ExpressionBuilder::condition),
                location(context));
    }

    private static SelectItem selectItem(AdqlParser.SelectItemContext context) {
        return switch (context) {
            case AdqlParser.SelectSingleContext single -> new SingleColumn(
                    ExpressionBuilder.value(single.valueExpression()),
                    Optional.ofNullable(single.identifier()).map(AstBuilder::identifier),
                    location(single));
            case AdqlParser.SelectAllContext all -> new AllColumns(
                    all.qualifiedName() == null ? List.of() : identifiers(all.qualifiedName().identifier()),
                    location(all));
            default -> throw unexpected(context);
        };
    }

    private static SortItem sortItem(AdqlParser.SortItemContext context) {
        Expression key = ExpressionBuilder.value(context.valueExpression());
        SortItem.Ordering ordering = context.DESC() != null ? SortItem.Ordering.DESCENDING : SortItem.Ordering.ASCENDING;
        return new SortItem(key, ordering, location(context));
    }
}

package org.tapservice.adql.parser;

import org.tapservice.adql.grammar.AdqlParser;
import org.tapservice.adql.tree.AliasedRelation;
import org.tapservice.adql.tree.Join;
import org.tapservice.adql.tree.JoinCriteria;
import org.tapservice.adql.tree.Relation;
import org.tapservice.adql.tree.Table;
import org.tapservice.adql.tree.TableSubquery;

import java.util.Optional;

import static org.tapservice.adql.parser.AstBuilder.identifier;
import static org.tapservice.adql.parser.AstBuilder.identifiers;
import static org.tapservice.adql.parser.AstBuilder.location;
import static org.tapservice.adql.parser.AstBuilder.unexpected;

/** The FROM clause: tables, derived tables, joins. */
final class RelationBuilder {

    private RelationBuilder() {
    }

    static Relation relation(AdqlParser.RelationContext context) {
        return switch (context) {
            case AdqlParser.RelationDefaultContext single -> relation(single.aliasedRelation());
            case AdqlParser.CrossJoinContext join -> new Join(Join.Type.CROSS,
                    relation(join.left), relation(join.right), Optional.empty(), location(join.JOIN().getSymbol()));
            case AdqlParser.QualifiedJoinContext join -> new Join(joinType(join.joinType()),
                    relation(join.left), relation(join.right), Optional.of(criteria(join.joinCriteria())), location(join.JOIN().getSymbol()));
            case AdqlParser.NaturalJoinContext join -> new Join(joinType(join.joinType()),
                    relation(join.left), relation(join.right), Optional.of(new JoinCriteria.Natural()), location(join.NATURAL().getSymbol()));
            default -> throw unexpected(context);
        };
    }

    private static Relation relation(AdqlParser.AliasedRelationContext context) {
        return switch (context) {
            case AdqlParser.TableNameContext table -> {
                Table name = new Table(identifiers(table.qualifiedName().identifier()), location(table));
                yield table.identifier() == null ? name : new AliasedRelation(name, identifier(table.identifier()), location(table));
            }
            case AdqlParser.DerivedTableContext derived -> new AliasedRelation(
                    new TableSubquery(QueryBuilder.query(derived.queryNoWith()), location(derived)),
                    identifier(derived.identifier()),
                    location(derived));
            case AdqlParser.ParenthesizedRelationContext parenthesized -> relation(parenthesized.relation());
            default -> throw unexpected(context);
        };
    }

    private static Join.Type joinType(AdqlParser.JoinTypeContext context) {
        if (context.LEFT() != null) {
            return Join.Type.LEFT;
        }
        if (context.RIGHT() != null) {
            return Join.Type.RIGHT;
        }
        if (context.FULL() != null) {
            return Join.Type.FULL;
        }
        return Join.Type.INNER;
    }

    private static JoinCriteria criteria(AdqlParser.JoinCriteriaContext context) {
        return switch (context) {
            case AdqlParser.JoinOnContext on -> new JoinCriteria.On(ExpressionBuilder.condition(on.booleanExpression()));
            case AdqlParser.JoinUsingContext using -> new JoinCriteria.Using(identifiers(using.identifier()));
            default -> throw unexpected(context);
        };
    }
}

package org.tapservice.adql.tree;

import org.junit.jupiter.api.Test;
import org.tapservice.adql.AdqlTranslator;
import org.tapservice.adql.catalog.Identifier;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Trees compare by structure, keep their positions, and cannot be changed. */
class SyntaxTreeTest {

    private final AdqlTranslator translator = new AdqlTranslator();

    @Test
    void layoutAndKeywordCaseDoNotMatterButStructureDoes() {
        assertEquals(translator.parse("SELECT ra + 1 FROM t"), translator.parse("select\n  ra+1\nFROM   t -- comment"));
        assertNotEquals(translator.parse("SELECT a + b * c FROM t"), translator.parse("SELECT (a + b) * c FROM t"));
        assertNotEquals(translator.parse("SELECT ra FROM t"), translator.parse("SELECT \"ra\" FROM t"));
    }

    @Test
    void nodesKnowWhereTheyStart() {
        Query query = translator.parse("SELECT ra,\n       dec + 1\nFROM t");
        QuerySpecification select = (QuerySpecification) query.body();
        Expression plus = ((SingleColumn) select.select().get(1)).expression();
        assertEquals(List.of(2, 12), List.of(plus.location().line(), plus.location().column()));
        Expression dec = ((ArithmeticBinary) plus).left();
        assertEquals(List.of(2, 8), List.of(dec.location().line(), dec.location().column()));
    }

    @Test
    void setOperatorsFollowTheStandardsPrecedence() {
        SetOperation union = (SetOperation) translator.parse("SELECT a FROM t UNION SELECT b FROM u INTERSECT SELECT c FROM v").body();
        assertEquals(SetOperation.Type.UNION, union.type());
        assertEquals(SetOperation.Type.INTERSECT, ((SetOperation) union.right()).type());
    }

    @Test
    void listsInNodesAreImmutable() {
        List<Identifier> parts = new ArrayList<>(List.of(Identifier.regular("t")));
        ColumnReference reference = new ColumnReference(parts, Identifier.regular("ra"), new NodeLocation(1, 1));
        parts.clear();
        assertEquals(1, reference.qualifier().size());
        assertThrows(UnsupportedOperationException.class, () -> reference.qualifier().clear());
    }

    @Test
    void aVisitorFallsBackToTheSupertypeOfANode() {
        AstVisitor<String, Void> visitor = new AstVisitor<>() {
            @Override
            protected String visitLiteral(Literal node, Void context) {
                return "literal";
            }

            @Override
            protected String visitExpression(Expression node, Void context) {
                return "expression";
            }
        };
        assertEquals("literal", visitor.process(new StringLiteral("x", new NodeLocation(1, 1)), null));
        assertEquals("expression", visitor.process(new Not(new NullLiteral(new NodeLocation(1, 1)), new NodeLocation(1, 1)), null));
    }
}

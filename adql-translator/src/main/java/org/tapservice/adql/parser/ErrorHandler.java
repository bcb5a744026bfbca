package org.tapservice.adql.parser;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.atn.NotSetTransition;
import org.antlr.v4.runtime.atn.PrecedencePredicateTransition;
import org.antlr.v4.runtime.atn.RuleStartState;
import org.antlr.v4.runtime.atn.RuleStopState;
import org.antlr.v4.runtime.atn.RuleTransition;
import org.antlr.v4.runtime.atn.Transition;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.tapservice.adql.AdqlException;
import org.tapservice.adql.ErrorCode;
import org.tapservice.adql.grammar.AdqlParser;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the first syntax error into an {@link AdqlException} saying what could have
 * come instead: {@code mismatched input 'x'. Expecting: ...}.
 *
 * <p>ANTLR's own message names what was expected where the failed decision started,
 * which for {@code SELECT a FROM t WHERE ra > } is the start of the WHERE condition.
 * Users need the furthest point the input could be read to, so this walks the grammar's
 * ATN again from the failed decision, following every path that matches the input, and
 * keeps the tokens that could come next at the furthest token any path reached. Rules a
 * user thinks of as one thing (an expression, an identifier) are named as such instead
 * of listing every token they may start with.
 */
final class ErrorHandler extends BaseErrorListener {

    private static final Map<Integer, String> RULE_LABELS = Map.of(
            AdqlParser.RULE_valueExpression, "<expression>",
            AdqlParser.RULE_booleanExpression, "<condition>",
            AdqlParser.RULE_identifier, "<identifier>",
            AdqlParser.RULE_number, "<number>",
            AdqlParser.RULE_string, "<string>");

    private static final Map<Integer, String> TOKEN_LABELS = Map.of(
            AdqlParser.INTEGER_VALUE, "<integer>",
            AdqlParser.REGULAR_IDENTIFIER, "<identifier>",
            AdqlParser.DELIMITED_IDENTIFIER, "<identifier>",
            AdqlParser.STRING, "<string>",
            // two spellings, so ANTLR has no single literal to show
            AdqlParser.NEQ, "'<>'");

    private static final Set<Integer> FUNCTION_KEYWORDS = Set.of(
            AdqlParser.ABS, AdqlParser.ACOS, AdqlParser.AREA, AdqlParser.ASIN, AdqlParser.ATAN, AdqlParser.ATAN2,
            AdqlParser.BOX, AdqlParser.CEILING, AdqlParser.CENTROID, AdqlParser.CIRCLE, AdqlParser.COALESCE,
            AdqlParser.CONTAINS, AdqlParser.COORD1, AdqlParser.COORD2, AdqlParser.COORDSYS, AdqlParser.COS,
            AdqlParser.COT, AdqlParser.DEGREES, AdqlParser.DISTANCE, AdqlParser.EXP, AdqlParser.FLOOR,
            AdqlParser.INTERSECTS, AdqlParser.IN_UNIT, AdqlParser.LOG, AdqlParser.LOG10, AdqlParser.LOWER,
            AdqlParser.MOD, AdqlParser.PI, AdqlParser.POINT, AdqlParser.POLYGON, AdqlParser.POWER,
            AdqlParser.RADIANS, AdqlParser.RAND, AdqlParser.REGION, AdqlParser.ROUND, AdqlParser.SIN,
            AdqlParser.SQRT, AdqlParser.TAN, AdqlParser.TRUNCATE, AdqlParser.UPPER, AdqlParser.COUNT,
            AdqlParser.AVG, AdqlParser.MIN, AdqlParser.MAX, AdqlParser.SUM);

    /** Keywords that start or join clauses: when one is misplaced, the user did not mean it as a name. */
    private static final Set<Integer> STRUCTURAL_KEYWORDS = Set.of(
            AdqlParser.SELECT, AdqlParser.FROM, AdqlParser.WHERE, AdqlParser.GROUP, AdqlParser.BY, AdqlParser.HAVING,
            AdqlParser.ORDER, AdqlParser.UNION, AdqlParser.EXCEPT, AdqlParser.INTERSECT, AdqlParser.OFFSET,
            AdqlParser.JOIN, AdqlParser.ON, AdqlParser.USING, AdqlParser.AS, AdqlParser.AND, AdqlParser.OR,
            AdqlParser.NOT, AdqlParser.WITH, AdqlParser.THEN, AdqlParser.ELSE, AdqlParser.END, AdqlParser.WHEN);

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String antlrMessage, RecognitionException e) {
        Parser parser = (Parser) recognizer;
        Expectation expectation;
        try {
            expectation = expectationAt(parser, e);
        }
        catch (RuntimeException | StackOverflowError failure) {
            // The walk is a nicety; ANTLR's own message still says where the error is.
            throw new AdqlException(ErrorCode.SYNTAX_ERROR, line, charPositionInLine + 1, antlrMessage, e);
        }
        TokenStream tokens = parser.getTokenStream();
        Token errorToken = tokens.get(expectation.tokenIndex());
        Token previous = previousVisible(tokens, expectation.tokenIndex());

        Token limit = isLimit(errorToken) ? errorToken : isLimit(previous) ? previous : null;
        if (limit != null) {
            throw error(limit, "ADQL has no LIMIT clause: write SELECT TOP n ... to get at most n rows", e);
        }

        String message = "mismatched input '" + errorToken.getText() + "'. Expecting: "
                + String.join(", ", expectation.expected());
        if (isKeyword(parser.getVocabulary(), errorToken) && !STRUCTURAL_KEYWORDS.contains(errorToken.getType())
                && expectation.expected().contains("<identifier>")) {
            message += ". " + reservedWordHint(errorToken);
        }
        else if (previous != null && FUNCTION_KEYWORDS.contains(previous.getType()) && expectation.expected().equals(Set.of("'('"))) {
            message += ". " + reservedWordHint(previous);
        }
        throw error(errorToken, message, e);
    }

    private static AdqlException error(Token token, String message, RecognitionException cause) {
        return new AdqlException(ErrorCode.SYNTAX_ERROR, token.getLine(), token.getCharPositionInLine() + 1, message, cause);
    }

    private static String reservedWordHint(Token keyword) {
        return "'" + keyword.getText() + "' is a reserved word: to use it as a name, write it as a delimited identifier: \""
                + keyword.getText() + "\"";
    }

    private static boolean isLimit(Token token) {
        return token != null && token.getType() == AdqlParser.REGULAR_IDENTIFIER && token.getText().equalsIgnoreCase("LIMIT");
    }

    private static boolean isKeyword(Vocabulary vocabulary, Token token) {
        String literal = vocabulary.getLiteralName(token.getType());
        return literal != null && literal.matches("'[A-Z][A-Z0-9_]*'");
    }

    private static Token previousVisible(TokenStream tokens, int index) {
        for (int i = index - 1; i >= 0; i--) {
            if (tokens.get(i).getChannel() == Token.DEFAULT_CHANNEL) {
                return tokens.get(i);
            }
        }
        return null;
    }

    /**
     * Up to this many tokens, the walk starts from the beginning of the input, which finds
     * the furthest point over all readings (after {@code SELECT ra FROM t #} a join, WHERE,
     * ORDER BY... could follow, not only the end). Longer inputs walk from the failed
     * decision only, to bound the cost of reporting an error.
     */
    private static final int WHOLE_INPUT_WALK_LIMIT = 5_000;

    private static Expectation expectationAt(Parser parser, RecognitionException e) {
        ATN atn = parser.getATN();
        if (parser.getTokenStream().size() <= WHOLE_INPUT_WALK_LIMIT) {
            RuleContext root = e != null && e.getCtx() != null ? e.getCtx() : parser.getContext();
            while (root.parent != null) {
                root = root.parent;
            }
            return new AtnWalk(parser).run(atn.ruleToStartState[root.getRuleIndex()], 0, root);
        }
        if (e == null) {
            return new AtnWalk(parser).run(atn.states.get(parser.getState()), parser.getCurrentToken().getTokenIndex(), parser.getContext());
        }
        Token start = e instanceof NoViableAltException noViableAlt ? noViableAlt.getStartToken() : e.getOffendingToken();
        return new AtnWalk(parser).run(atn.states.get(e.getOffendingState()), start.getTokenIndex(), e.getCtx());
    }

    /** The furthest token index any path reached, and what each such path could have read there. */
    private record Expectation(int tokenIndex, Set<String> expected) {
    }

    /** One re-reading of the input along the ATN, like an NFA: every matching path at once. */
    private static final class AtnWalk {

        private record Position(int state, int tokenIndex, boolean suppressed, int precedence) {
        }

        private final ATN atn;
        private final TokenStream tokens;
        private final Vocabulary vocabulary;
        private final Map<Position, Set<Integer>> ruleEnds = new HashMap<>();
        private final Set<Position> inProgress = new HashSet<>();
        private final Set<String> candidates = new TreeSet<>();
        private int furthest = -1;

        AtnWalk(Parser parser) {
            this.atn = parser.getATN();
            this.tokens = parser.getTokenStream();
            this.vocabulary = parser.getVocabulary();
        }

        Expectation run(ATNState state, int tokenIndex, RuleContext context) {
            RuleStartState ruleStart = atn.ruleToStartState[state.ruleIndex];
            // Stopped where the rule could not yet have read anything: restart at the rule
            // itself so that a labelled rule is named as a whole.
            ATNState from = reachableWithoutInput(ruleStart, state) ? ruleStart : state;
            Set<Integer> ends = walk(from, tokenIndex, false, 0);
            // Where the rule could end, the rules that called it go on.
            for (RuleContext caller = context; !ends.isEmpty() && caller != null && caller.invokingState >= 0; caller = caller.parent) {
                ATNState follow = ((RuleTransition) atn.states.get(caller.invokingState).transition(0)).followState;
                Set<Integer> next = new HashSet<>();
                for (int end : ends) {
                    next.addAll(walk(follow, end, false, 0));
                }
                ends = next;
            }
            return new Expectation(Math.max(furthest, tokenIndex), candidates);
        }

        private boolean reachableWithoutInput(ATNState from, ATNState target) {
            Deque<ATNState> pending = new ArrayDeque<>();
            Set<Integer> seen = new HashSet<>();
            pending.push(from);
            while (!pending.isEmpty()) {
                ATNState current = pending.pop();
                if (current.stateNumber == target.stateNumber) {
                    return true;
                }
                if (seen.add(current.stateNumber)) {
                    for (Transition transition : current.getTransitions()) {
                        if (transition.isEpsilon()) {
                            pending.push(transition.target);
                        }
                    }
                }
            }
            return false;
        }

        /** Walks one rule invocation from {@code start}; returns the token indexes at which it can end. */
        private Set<Integer> walk(ATNState start, int startToken, boolean startSuppressed, int precedence) {
            Position key = new Position(start.stateNumber, startToken, startSuppressed, precedence);
            Set<Integer> known = ruleEnds.get(key);
            if (known != null) {
                return known;
            }
            if (!inProgress.add(key)) {
                return Set.of();
            }
            Set<Integer> ends = new HashSet<>();
            Deque<Position> pending = new ArrayDeque<>();
            Set<Position> seen = new HashSet<>();
            pending.push(key);
            while (!pending.isEmpty()) {
                Position current = pending.pop();
                if (!seen.add(current)) {
                    continue;
                }
                ATNState state = atn.states.get(current.state());
                int tokenIndex = skipHidden(current.tokenIndex());
                boolean suppressed = current.suppressed();
                if (state.getStateType() == ATNState.RULE_START && RULE_LABELS.containsKey(state.ruleIndex)) {
                    if (!suppressed) {
                        record(tokenIndex, Set.of(RULE_LABELS.get(state.ruleIndex)));
                    }
                    suppressed = true;
                }
                if (state instanceof RuleStopState) {
                    ends.add(tokenIndex);
                    continue;
                }
                int tokenType = tokens.get(tokenIndex).getType();
                for (Transition transition : state.getTransitions()) {
                    if (transition instanceof RuleTransition call) {
                        for (int end : walk(call.target, tokenIndex, suppressed, call.precedence)) {
                            pending.push(new Position(call.followState.stateNumber, end, suppressed && end == tokenIndex, precedence));
                        }
                    }
                    else if (transition instanceof PrecedencePredicateTransition predicate) {
                        if (predicate.precedence >= precedence) {
                            pending.push(new Position(transition.target.stateNumber, tokenIndex, suppressed, precedence));
                        }
                    }
                    else if (transition.isEpsilon()) {
                        pending.push(new Position(transition.target.stateNumber, tokenIndex, suppressed, precedence));
                    }
                    else {
                        IntervalSet labels = transition.label();
                        if (transition instanceof NotSetTransition) {
                            labels = labels.complement(IntervalSet.of(Token.MIN_USER_TOKEN_TYPE, atn.maxTokenType));
                        }
                        // The parser stopped inside the buffered tokens; never read past them.
                        if (labels.contains(tokenType) && tokenIndex < tokens.size() - 1) {
                            pending.push(new Position(transition.target.stateNumber, tokenIndex + 1, false, precedence));
                        }
                        else if (!suppressed) {
                            record(tokenIndex, names(labels));
                        }
                    }
                }
            }
            inProgress.remove(key);
            ruleEnds.put(key, ends);
            return ends;
        }

        private int skipHidden(int tokenIndex) {
            int index = tokenIndex;
            while (index < tokens.size() - 1 && tokens.get(index).getChannel() != Token.DEFAULT_CHANNEL) {
                index++;
            }
            return index;
        }

        private void record(int tokenIndex, Set<String> labels) {
            if (tokenIndex > furthest) {
                candidates.clear();
                furthest = tokenIndex;
            }
            if (tokenIndex == furthest) {
                candidates.addAll(labels);
            }
        }

        private Set<String> names(IntervalSet tokenTypes) {
            Set<String> names = new HashSet<>();
            for (int type : tokenTypes.toList()) {
                names.add(type == Token.EOF ? "<EOF>" : TOKEN_LABELS.getOrDefault(type, vocabulary.getDisplayName(type)));
            }
            return names;
        }
    }
}

package org.tapservice.adql.parser;

import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.tapservice.adql.AdqlException;
import org.tapservice.adql.ErrorCode;
import org.tapservice.adql.TranslatorLimits;
import org.tapservice.adql.grammar.AdqlLexer;
import org.tapservice.adql.tree.Expression;
import org.tapservice.adql.tree.Query;

import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The one way into the grammar: ADQL text in, an immutable syntax tree or an
 * {@link AdqlException} out. No ANTLR type escapes this package.
 */
public final class AdqlParser {

    private final TranslatorLimits limits;

    public AdqlParser(TranslatorLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    public Query parseQuery(String adql) {
        return parse(adql, org.tapservice.adql.grammar.AdqlParser::singleStatement, AstBuilder::query);
    }

    /** A value expression alone, e.g. {@code ra + 1}; for tools and tests. */
    public Expression parseExpression(String adql) {
        return parse(adql, org.tapservice.adql.grammar.AdqlParser::standaloneExpression, AstBuilder::expression);
    }

    /** A search condition alone, e.g. {@code ra > 1 AND dec < 2}; for tools and tests. */
    public Expression parseCondition(String adql) {
        return parse(adql, org.tapservice.adql.grammar.AdqlParser::standaloneCondition, AstBuilder::condition);
    }

    private <C extends ParserRuleContext, T> T parse(String adql,
                                                     Function<org.tapservice.adql.grammar.AdqlParser, C> rule,
                                                     Function<C, T> build) {
        requireNonNull(adql, "adql is null");
        if (adql.length() > limits.maxQueryLength()) {
            throw new AdqlException(ErrorCode.QUERY_TOO_LONG, 1, 1, "query is " + adql.length()
                    + " characters long; at most " + limits.maxQueryLength() + " are accepted");
        }
        try {
            CommonTokenStream tokens = tokenize(adql);
            return build.apply(parseTokens(tokens, rule));
        }
        catch (StackOverflowError e) {
            throw AdqlException.tooDeepToProcess();
        }
    }

    private CommonTokenStream tokenize(String adql) {
        AdqlLexer lexer = new AdqlLexer(CharStreams.fromString(adql));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        checkTokens(tokens);
        return tokens;
    }

    /**
     * Rejects what the grammar would only report confusingly (unterminated quotes), and
     * nesting deep enough to exhaust the parser's stack, before parsing starts: this keeps
     * the cost of a hostile query bounded and its error clear.
     */
    private void checkTokens(CommonTokenStream tokens) {
        int depth = 0;
        for (Token token : tokens.getTokens()) {
            switch (token.getType()) {
                case AdqlLexer.UNTERMINATED_STRING -> throw syntaxError(token, "unterminated string literal: a ' is missing");
                case AdqlLexer.UNTERMINATED_IDENTIFIER -> throw syntaxError(token, "unterminated delimited identifier: a \" is missing");
                case AdqlLexer.LEFT_PAREN -> {
                    depth++;
                    if (depth > limits.maxNestingDepth()) {
                        throw nestedTooDeeply(token.getLine(), token.getCharPositionInLine() + 1);
                    }
                }
                case AdqlLexer.RIGHT_PAREN -> depth--;
                default -> {
                }
            }
        }
    }

    private <C extends ParserRuleContext> C parseTokens(CommonTokenStream tokens,
                                                         Function<org.tapservice.adql.grammar.AdqlParser, C> rule) {
        org.tapservice.adql.grammar.AdqlParser parser = new org.tapservice.adql.grammar.AdqlParser(tokens);
        parser.removeErrorListeners();
        try {
            // SLL is much faster and right for nearly every query; it can only fail where
            // full LL would succeed, never accept what LL rejects.
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            parser.setErrorHandler(new BailErrorStrategy());
            return rule.apply(parser);
        }
        catch (ParseCancellationException e) {
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new NoRepairStrategy());
            parser.addErrorListener(new ErrorHandler());
            return rule.apply(parser);
        }
    }

    private static AdqlException syntaxError(Token token, String message) {
        return new AdqlException(ErrorCode.SYNTAX_ERROR, token.getLine(), token.getCharPositionInLine() + 1, message);
    }

    private AdqlException nestedTooDeeply(int line, int column) {
        return new AdqlException(ErrorCode.NESTED_TOO_DEEPLY, line, column,
                "query is nested too deeply: at most " + limits.maxNestingDepth() + " levels of parentheses are accepted");
    }

    /**
     * Reports the first error where it happens: ANTLR's default strategy would insert or
     * delete a token to carry on, and then describe the error at a repaired position.
     */
    private static final class NoRepairStrategy extends DefaultErrorStrategy {

        @Override
        public Token recoverInline(Parser recognizer) {
            throw new InputMismatchException(recognizer);
        }

        @Override
        protected Token singleTokenDeletion(Parser recognizer) {
            return null;
        }

        @Override
        protected boolean singleTokenInsertion(Parser recognizer) {
            return false;
        }
    }
}

package org.tapservice.adql;

import org.tapservice.adql.catalog.Catalog;
import org.tapservice.adql.catalog.FunctionCatalog;
import org.tapservice.adql.catalog.UserFunction;
import org.tapservice.adql.check.Analysis;
import org.tapservice.adql.check.Analyzer;
import org.tapservice.adql.parser.AdqlParser;
import org.tapservice.adql.sql.PostgresSqlFormatter;
import org.tapservice.adql.sql.PrintedSql;
import org.tapservice.adql.tree.Query;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * ADQL 2.1 in, PostgreSQL + pgsphere out: parse, check against a catalogue, print.
 * Stateless and thread-safe. Everything wrong with a query is an {@link AdqlException};
 * any other exception is a bug in this module.
 */
public final class AdqlTranslator {

    private final AdqlParser parser;
    private final FunctionCatalog functions;

    public AdqlTranslator() {
        this(TranslatorLimits.defaults());
    }

    public AdqlTranslator(TranslatorLimits limits) {
        this(limits, FunctionCatalog.empty());
    }

    /** @param functions the user-defined functions queries may call, besides ADQL's */
    public AdqlTranslator(TranslatorLimits limits, FunctionCatalog functions) {
        this.parser = new AdqlParser(requireNonNull(limits, "limits is null"));
        this.functions = requireNonNull(functions, "functions is null");
    }

    /** What a capabilities document may declare: the optional ADQL features, then the user-defined functions. */
    public List<OptionalFeature> features() {
        return Stream.concat(OptionalFeature.SUPPORTED.stream(), functions.functions().stream().map(UserFunction::feature)).toList();
    }

    /** Checks the syntax only. */
    public Query parse(String adql) {
        return parser.parseQuery(adql);
    }

    /**
     * The query with its numbers written into the SQL text.
     *
     * @param rowLimit at most this many rows (MAXREC + 1 lets the caller detect overflow);
     *                 the SQL gets LIMIT min(TOP, rowLimit)
     */
    public TranslatedQuery translate(String adql, Catalog catalog, OptionalLong rowLimit) {
        return translate(adql, catalog, rowLimit, LiteralBinding.INLINE);
    }

    /**
     * @param rowLimit at most this many rows (MAXREC + 1 lets the caller detect overflow);
     *                 the SQL gets LIMIT min(TOP, rowLimit)
     * @param binding  whether numbers are written into the SQL or sent as its parameters
     */
    public TranslatedQuery translate(String adql, Catalog catalog, OptionalLong rowLimit, LiteralBinding binding) {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(rowLimit, "rowLimit is null");
        requireNonNull(binding, "binding is null");
        if (rowLimit.isPresent() && rowLimit.getAsLong() < 0) {
            throw new IllegalArgumentException("rowLimit is negative: " + rowLimit.getAsLong());
        }
        Query query = parse(adql);
        try {
            Analysis analysis = Analyzer.analyze(query, catalog, functions);
            PrintedSql sql = PostgresSqlFormatter.format(analysis, rowLimit, binding);
            return new TranslatedQuery(sql.sql(), sql.parameters(), analysis.outputColumns(),
                    PostgresSqlFormatter.outerLimit(query, rowLimit));
        }
        catch (StackOverflowError e) {
            // Long operator chains (a+b+c+...) nest without parentheses; the parser's limit cannot see them.
            throw AdqlException.tooDeepToProcess();
        }
    }
}

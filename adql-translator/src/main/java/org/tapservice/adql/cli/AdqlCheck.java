package org.tapservice.adql.cli;

import org.tapservice.adql.AdqlException;
import org.tapservice.adql.AdqlTranslator;
import org.tapservice.adql.TranslatorLimits;
import org.tapservice.adql.catalog.Catalog;
import org.tapservice.adql.catalog.FunctionCatalog;
import org.tapservice.adql.catalog.UserFunction;
import org.tapservice.adql.sql.AdqlFormatter;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code adql check}: one ADQL query in, its PostgreSQL translation or what is wrong with it
 * out. For writing and testing queries, and for scripts: the exit status says which it was.
 */
public final class AdqlCheck {

    public static final int VALID = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;

    private AdqlCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.in, System.out, System.err));
    }

    /** @return {@link #VALID}, {@link #INVALID} or {@link #USAGE} */
    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        try {
            CheckOptions options = CheckOptions.parse(args);
            if (options.help()) {
                out.print(CheckOptions.USAGE);
                return VALID;
            }
            return check(options, in, out, err);
        }
        catch (UsageException e) {
            err.println("adql check: " + e.getMessage());
            err.print(CheckOptions.USAGE);
            return USAGE;
        }
    }

    private static int check(CheckOptions options, InputStream in, PrintStream out, PrintStream err) throws UsageException {
        AdqlTranslator translator = new AdqlTranslator(TranslatorLimits.defaults(), functions(options.functions()));
        String adql = query(options, in);
        try {
            if (options.parseOnly()) {
                out.println(AdqlFormatter.format(translator.parse(adql)));
            }
            else {
                out.println(translator.translate(adql, catalog(options.tables().orElseThrow()), OptionalLong.empty()).sql());
            }
            return VALID;
        }
        catch (AdqlException e) {
            err.println("line " + e.line() + ", column " + e.column() + ": " + e.errorMessage());
            return INVALID;
        }
    }

    private static FunctionCatalog functions(List<String> signatures) throws UsageException {
        List<UserFunction> functions = new ArrayList<>();
        try {
            for (String signature : signatures) {
                functions.add(UserFunction.declare(signature));
            }
            return new FunctionCatalog(functions);
        }
        catch (IllegalArgumentException e) {
            throw new UsageException("--udf: " + e.getMessage(), e);
        }
    }

    private static Catalog catalog(Path tables) throws UsageException {
        try {
            return TablesFile.parse(tables.toString(), Files.readAllLines(tables, StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UsageException("cannot read the tables: " + describe(tables, e), e);
        }
    }

    /** The JDK's messages for a missing file are the bare path. */
    private static String describe(Path file, IOException e) {
        return switch (e) {
            case NoSuchFileException ignored -> file + ": no such file";
            case AccessDeniedException ignored -> file + ": permission denied";
            case CharacterCodingException ignored -> file + ": not UTF-8 text";
            default -> file + ": " + e.getMessage();
        };
    }

    private static String query(CheckOptions options, InputStream in) throws UsageException {
        try {
            return options.queryFile().isPresent()
                    ? Files.readString(options.queryFile().get(), StandardCharsets.UTF_8)
                    : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UsageException("cannot read the query: " + describe(options.queryFile().orElse(Path.of("-")), e), e);
        }
    }
}

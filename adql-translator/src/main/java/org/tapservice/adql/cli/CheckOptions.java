package org.tapservice.adql.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The arguments of {@code adql check}.
 *
 * @param queryFile empty to read the query from standard input
 * @param tables    the table description file; required unless {@code parseOnly}
 * @param functions the signatures given with {@code --udf}, in order
 */
record CheckOptions(boolean help, boolean parseOnly, Optional<Path> tables, List<String> functions, Optional<Path> queryFile) {

    static final String USAGE = """
            Usage: adql check [--parse-only] [--tables FILE] [--udf SIGNATURE]... [QUERY_FILE]
            Checks one ADQL query, read from QUERY_FILE or standard input, and prints its
            PostgreSQL translation; a mistake is printed as "line L, column C: message".
              --tables FILE      the tables the query may use: a line "schema.table" for each,
                                 then an indented line "column TYPE" for each of its columns
              --udf SIGNATURE    declares a user-defined function, as TAPRegExt writes it, e.g.
                                 'ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER'; repeatable
              --parse-only       checks the syntax only, without tables, and prints the query
                                 as it was read
              -h, --help         prints this text
            Exit status: 0 valid, 1 invalid, 2 usage error.
            """;

    CheckOptions {
        requireNonNull(tables, "tables is null");
        functions = List.copyOf(functions);
        requireNonNull(queryFile, "queryFile is null");
    }

    static CheckOptions parse(List<String> args) throws UsageException {
        boolean help = false;
        boolean parseOnly = false;
        Optional<Path> tables = Optional.empty();
        List<String> functions = new ArrayList<>();
        Optional<Path> queryFile = Optional.empty();
        boolean stdin = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.startsWith("--") && arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "-h", "--help" -> help = true;
                case "--parse-only" -> parseOnly = true;
                case "--tables" -> {
                    if (tables.isPresent()) {
                        throw new UsageException("--tables given twice");
                    }
                    tables = Optional.of(Path.of(value(args, i, arg)));
                    i += arg.equals(name) ? 1 : 0;
                }
                case "--udf" -> {
                    functions.add(value(args, i, arg));
                    i += arg.equals(name) ? 1 : 0;
                }
                default -> {
                    if (arg.startsWith("-") && !arg.equals("-")) {
                        throw new UsageException("unknown option " + name);
                    }
                    if (queryFile.isPresent() || stdin) {
                        throw new UsageException("one query at a time: unexpected argument '" + arg + "'");
                    }
                    stdin = arg.equals("-");
                    queryFile = stdin ? Optional.empty() : Optional.of(Path.of(arg));
                }
            }
        }
        if (!help && parseOnly && tables.isPresent()) {
            throw new UsageException("--parse-only checks the syntax alone: it takes no --tables");
        }
        if (!help && !parseOnly && tables.isEmpty()) {
            throw new UsageException("the query needs tables to be checked against: give --tables FILE, or --parse-only");
        }
        return new CheckOptions(help, parseOnly, tables, functions, queryFile);
    }

    /** The value of {@code --name=value} or {@code --name value}. */
    private static String value(List<String> args, int index, String arg) throws UsageException {
        int equals = arg.indexOf('=');
        if (equals >= 0) {
            return arg.substring(equals + 1);
        }
        if (index + 1 >= args.size()) {
            throw new UsageException(arg + " needs a value");
        }
        return args.get(index + 1);
    }
}

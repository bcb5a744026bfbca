package org.tapservice.core.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tapservice.adql.ErrorCode;

/**
 * Reads a corpus file. Lines starting with {@code #} are directives or comments, never ADQL
 * (whose comments start with {@code --}, which the queries are free to use):
 * <pre>
 * # name: a sentence saying what the query shows
 * SELECT ...                         the query, over any number of lines
 * # types: long, char, double[2] point      optional: the VOTable type of each column
 * # expect                           or: # expect in any order
 * id,name                            the output column names
 * 1,Alpha                            rows as CSV; "..." quotes, "" inside quotes is a quote,
 * 2,NULL                             unquoted NULL is NULL, unquoted values are trimmed
 *
 * # name: ...
 * SELECT ...
 * # error SYNTAX_ERROR at 1:8        the translator refuses it there (line:column in the query)
 *
 * # name: ...
 * SELECT ...
 * # fails: division by zero          PostgreSQL refuses to run it, saying so
 * </pre>
 */
final class CorpusReader {

    private static final Pattern NAME = Pattern.compile("#\\s*name:\\s*(.+)");
    private static final Pattern TYPES = Pattern.compile("#\\s*types:\\s*(.+)");
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect(\\s+in any order)?\\s*");
    private static final Pattern ERROR = Pattern.compile("#\\s*error\\s+([A-Z_]+)\\s+at\\s+(\\d+):(\\d+)\\s*");
    private static final Pattern FAILS = Pattern.compile("#\\s*fails:\\s*(.+)");

    private final String file;
    private final List<String> lines;
    private int next;

    private CorpusReader(String file, String text) {
        this.file = file;
        this.lines = text.lines().toList();
    }

    static List<CorpusEntry> read(String file, String text) {
        return new CorpusReader(file, text).entries();
    }

    private List<CorpusEntry> entries() {
        List<CorpusEntry> entries = new ArrayList<>();
        while (skipToName()) {
            entries.add(entry());
        }
        return entries;
    }

    private boolean skipToName() {
        while (next < lines.size()) {
            String line = lines.get(next).strip();
            if (NAME.matcher(line).matches()) {
                return true;
            }
            if (!line.isEmpty() && !line.startsWith("#")) {
                throw problem("a query outside an entry: start it with '# name: ...'");
            }
            next++;
        }
        return false;
    }

    private CorpusEntry entry() {
        int start = next + 1;
        Matcher name = NAME.matcher(lines.get(next++).strip());
        name.matches();
        List<String> query = new ArrayList<>();
        while (next < lines.size() && !lines.get(next).strip().startsWith("#")) {
            query.add(lines.get(next++));
        }
        while (!query.isEmpty() && query.getLast().isBlank()) {
            query.removeLast();
        }
        return new CorpusEntry(file, start, name.group(1).strip(), String.join("\n", query), expectation());
    }

    private CorpusExpectation expectation() {
        if (next >= lines.size()) {
            throw problem("the entry ends without '# expect', '# error' or '# fails'");
        }
        String directive = lines.get(next++).strip();
        Optional<List<String>> types = Optional.empty();
        Matcher typed = TYPES.matcher(directive);
        if (typed.matches()) {
            types = Optional.of(Arrays.stream(typed.group(1).split(",")).map(String::strip).toList());
            directive = next < lines.size() ? lines.get(next++).strip() : "";
        }
        Matcher expect = EXPECT.matcher(directive);
        if (expect.matches()) {
            return rows(types, expect.group(1) == null);
        }
        Matcher error = ERROR.matcher(directive);
        if (error.matches() && types.isEmpty()) {
            return new CorpusExpectation.AdqlError(ErrorCode.valueOf(error.group(1)),
                    Integer.parseInt(error.group(2)), Integer.parseInt(error.group(3)));
        }
        Matcher fails = FAILS.matcher(directive);
        if (fails.matches() && types.isEmpty()) {
            return new CorpusExpectation.Failure(fails.group(1).strip());
        }
        next--;
        throw problem("expected '# expect', '# error CODE at L:C' or '# fails: message', not '" + directive + "'");
    }

    private CorpusExpectation.Rows rows(Optional<List<String>> types, boolean ordered) {
        List<String> header = null;
        List<List<CorpusExpectation.Cell>> rows = new ArrayList<>();
        while (next < lines.size() && !NAME.matcher(lines.get(next).strip()).matches()) {
            String line = lines.get(next++);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            List<CorpusExpectation.Cell> cells = cells(line);
            if (header == null) {
                header = cells.stream().map(cell -> cell.text().orElseThrow(() -> problem("NULL as a column name"))).toList();
            }
            else if (cells.size() != header.size()) {
                throw problem("a row of " + cells.size() + " values under " + header.size() + " columns");
            }
            else {
                rows.add(cells);
            }
        }
        if (header == null) {
            throw problem("'# expect' without a header line of column names");
        }
        if (types.isPresent() && types.get().size() != header.size()) {
            throw problem(types.get().size() + " types for " + header.size() + " columns");
        }
        return new CorpusExpectation.Rows(header, types, rows, ordered);
    }

    /** One CSV line: quoted fields as written, unquoted ones trimmed, unquoted NULL as NULL. */
    private List<CorpusExpectation.Cell> cells(String line) {
        List<CorpusExpectation.Cell> cells = new ArrayList<>();
        int position = 0;
        while (true) {
            while (position < line.length() && line.charAt(position) == ' ') {
                position++;
            }
            if (position < line.length() && line.charAt(position) == '"') {
                StringBuilder text = new StringBuilder();
                position++;
                while (true) {
                    if (position >= line.length()) {
                        throw problem("an unterminated quoted value");
                    }
                    char c = line.charAt(position++);
                    if (c == '"' && position < line.length() && line.charAt(position) == '"') {
                        text.append('"');
                        position++;
                    }
                    else if (c == '"') {
                        break;
                    }
                    else {
                        text.append(c);
                    }
                }
                cells.add(CorpusExpectation.Cell.of(text.toString()));
                while (position < line.length() && line.charAt(position) == ' ') {
                    position++;
                }
            }
            else {
                int comma = line.indexOf(',', position);
                int end = comma < 0 ? line.length() : comma;
                String text = line.substring(position, end).strip();
                cells.add(text.equals("NULL") ? CorpusExpectation.Cell.NULL : CorpusExpectation.Cell.of(text));
                position = end;
            }
            if (position >= line.length()) {
                return cells;
            }
            if (line.charAt(position) != ',') {
                throw problem("text after a quoted value: " + line.substring(position));
            }
            position++;
        }
    }

    private IllegalStateException problem(String what) {
        return new IllegalStateException(file + ":" + next + ": " + what);
    }
}

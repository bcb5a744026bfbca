package org.tapservice.adql;

import org.tapservice.adql.catalog.CatalogColumn;
import org.tapservice.adql.catalog.CatalogTable;
import org.tapservice.adql.catalog.ColumnType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Random queries that ADQL 2.1 and the analyzer accept, over given tables and the functions
 * {@code ivo_hasword(TEXT, TEXT) -> INTEGER} and {@code gaia_healpix_index(INTEGER, BIGINT) -> BIGINT}.
 * Values are tracked by kind only, which is all the typing rules need here. Every relation gets
 * an alias and references are qualified, except in a FROM of one relation, where they may be
 * bare; correlated subqueries always qualify. One generator writes one query.
 */
public final class QueryGenerator {

    static final List<String> FUNCTIONS = List.of(
            "ivo_hasword(haystack TEXT, needle TEXT) -> INTEGER",
            "gaia_healpix_index(norder INTEGER, source_id BIGINT) -> BIGINT");

    private static final int EXPRESSION_DEPTH = 3;
    private static final int QUERY_DEPTH = 2;

    private static final List<Kind> ORDERED = Stream.of(Kind.values()).filter(Kind::ordered).toList();

    /**
     * A number written out, as the translator sees one: a literal, alone or under a sign
     * ({@code -(5)}). Only those are checked against the coordinate limits before the query runs.
     */
    private static final String LITERAL = "(?:0[xX]\\p{XDigit}+|(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)";
    private static final Pattern WRITTEN_OUT = Pattern.compile(LITERAL + "|-\\(" + LITERAL + "\\)");

    /** Literal coordinates and sizes within the limits the translator checks, edges included. */
    private static final List<String> LONGITUDES = List.of("0", "1.5", "180", "359.5", "2.5E-2", "0x1F");
    private static final List<String> LATITUDES = List.of("0", ".5", "-(45)", "90", "-(90)", "2.5E-2");
    private static final List<String> EXTENTS = List.of("0", ".5", "3.", "90", "1e1", "2.5E-2");

    enum Kind {
        INTEGER, NUMBER, STRING, POINT;

        /** Geometries have no order (pgsphere has none), so the translator refuses to sort, group or count DISTINCT by them. */
        boolean ordered() {
            return this != POINT;
        }

        static Optional<Kind> of(ColumnType type) {
            if (type.isExactNumeric()) {
                return Optional.of(INTEGER);
            }
            if (type.isNumeric()) {
                return Optional.of(NUMBER);
            }
            if (type.isCharacter()) {
                return Optional.of(STRING);
            }
            return type == ColumnType.POINT ? Optional.of(POINT) : Optional.empty();
        }
    }

    /** A column a query can name: {@code t1.ra}, or {@code ra} where bare names are allowed. */
    record Column(String qualifier, String name, Kind kind) {
        String qualified() {
            return qualifier + "." + name;
        }
    }

    /** A table or common table expression that FROM can name. */
    private record Source(String name, List<Column> columns) {
    }

    /** What expressions see: the columns of FROM, whether bare names are unambiguous, and the enclosing query's columns. */
    private record Scope(List<Column> columns, boolean bareNames, List<Column> outer) {
        List<Column> of(Kind kind) {
            List<Column> all = new ArrayList<>(columns);
            all.addAll(outer);
            return all.stream().filter(column -> column.kind() == kind).toList();
        }
    }

    /** A FROM clause: its text, the columns it offers, whether it is one relation, and what {@code SELECT *} returns of it. */
    private record From(String sql, List<Column> columns, boolean single, List<Column> star) {

        /** A single relation, whose columns are what {@code SELECT *} returns. */
        From(String sql, List<Column> columns) {
            this(sql, columns, true, columns);
        }
    }

    /** A SELECT: its text and what ORDER BY may name. */
    private record Select(String sql, List<String> orderKeys) {
    }

    private final RandomGenerator random;
    private final List<Source> tables;
    private int names;

    public QueryGenerator(RandomGenerator random, List<CatalogTable> tables) {
        this.random = random;
        this.tables = tables.stream().map(QueryGenerator::source).toList();
    }

    private static Source source(CatalogTable table) {
        List<Column> columns = new ArrayList<>();
        for (CatalogColumn column : table.columns()) {
            Kind.of(column.type()).ifPresent(kind -> columns.add(new Column("", column.name(), kind)));
        }
        return new Source(table.qualifiedName(), columns);
    }

    public String query() {
        StringBuilder sql = new StringBuilder();
        List<Source> commonTables = new ArrayList<>();
        if (chance(0.15)) {
            sql.append("WITH ");
            int count = 1 + random.nextInt(2);
            for (int i = 0; i < count; i++) {
                String name = name("w");
                List<Kind> kinds = kinds();
                Select select = specification(QUERY_DEPTH - 1, commonTables, List.of(), Optional.of(kinds), true);
                sql.append(i == 0 ? "" : ", ").append(name).append(" AS (").append(select.sql()).append(") ");
                commonTables.add(new Source(name, IntStream.range(0, kinds.size())
                        .mapToObj(c -> new Column("", "c" + (c + 1), kinds.get(c))).toList()));
            }
        }
        Select body;
        if (chance(0.15)) {
            List<Kind> kinds = kinds();
            Select left = specification(QUERY_DEPTH, commonTables, List.of(), Optional.of(kinds), false);
            Select right = specification(QUERY_DEPTH, commonTables, List.of(), Optional.of(kinds), false);
            String operator = pick("UNION", "UNION ALL", "EXCEPT", "INTERSECT");
            body = new Select(left.sql() + " " + operator + " " + right.sql(), positions(kinds));
        }
        else {
            body = specification(QUERY_DEPTH, commonTables, List.of(), Optional.empty(), false);
        }
        sql.append(body.sql());
        if (!body.orderKeys().isEmpty() && chance(0.4)) {
            sql.append(" ORDER BY ").append(pick(body.orderKeys())).append(chance(0.3) ? " DESC" : chance(0.2) ? " ASC" : "");
            if (chance(0.2)) {
                sql.append(", ").append(pick(body.orderKeys()));
            }
            if (chance(0.3)) {
                sql.append(" OFFSET ").append(random.nextInt(100));
            }
        }
        return sql.toString();
    }

    private List<Kind> kinds() {
        return IntStream.range(0, 1 + random.nextInt(3)).mapToObj(i -> pick(ORDERED)).toList();
    }

    /** The positions ORDER BY may name among output columns of these kinds: not those of geometries. */
    private static List<String> positions(List<Kind> outputs) {
        return IntStream.range(0, outputs.size()).filter(i -> outputs.get(i).ordered()).mapToObj(i -> Integer.toString(i + 1)).toList();
    }

    /**
     * One SELECT. With {@code kinds} its columns are of those kinds (set operations, IN,
     * derived tables); {@code named} gives them the names c1, c2... that a derived table or
     * common table expression is read by.
     */
    private Select specification(int depth, List<Source> commonTables, List<Column> outer, Optional<List<Kind>> kinds, boolean named) {
        From from = from(depth, commonTables);
        Scope scope = new Scope(from.columns(), from.single() && chance(0.5), outer);
        boolean grouped = chance(0.2);
        boolean distinct = !grouped && chance(0.15);
        StringBuilder sql = new StringBuilder("SELECT ");
        if (distinct) {
            sql.append("DISTINCT ");
        }
        if (chance(0.2)) {
            sql.append("TOP ").append(random.nextInt(1000)).append(' ');
        }
        List<String> items = new ArrayList<>();
        // the kinds of the columns returned, * and t.* expanded, which ORDER BY positions refer to
        List<Kind> outputs = new ArrayList<>();
        List<String> orderKeys = new ArrayList<>();
        List<Column> groupKeys = new ArrayList<>();
        if (grouped) {
            List<Column> groupable = scope.columns().stream().filter(column -> column.kind().ordered()).toList();
            for (int i = random.nextInt(3); i > 0 && !groupable.isEmpty(); i--) {
                groupKeys.add(pick(groupable));
            }
        }
        List<Kind> itemKinds = kinds.orElseGet(() -> IntStream.range(0, 1 + random.nextInt(4))
                .mapToObj(i -> grouped ? pick(ORDERED) : pick(Kind.values())).toList());
        boolean star = kinds.isEmpty() && !grouped && chance(0.1);
        if (star) {
            items.add("*");
            from.star().forEach(column -> outputs.add(column.kind()));
        }
        for (int i = 0; !star && i < itemKinds.size(); i++) {
            Kind kind = itemKinds.get(i);
            String value = grouped ? groupedItem(kind, scope, groupKeys) : expression(kind, EXPRESSION_DEPTH, scope, depth);
            Optional<String> alias = named ? Optional.of("c" + (i + 1)) : chance(0.4) ? Optional.of(name("a")) : Optional.empty();
            items.add(value + alias.map(name -> (chance(0.8) ? " AS " : " ") + name).orElse(""));
            outputs.add(kind);
            alias.filter(name -> kind.ordered()).ifPresent(orderKeys::add);
        }
        // any expression would do, but a bare integer would be read as a position
        List<Column> sortable = scope.columns().stream().filter(column -> column.kind().ordered()).toList();
        if (!grouped && !distinct && !sortable.isEmpty() && chance(0.3)) {
            orderKeys.add(reference(pick(sortable), scope));
        }
        if (kinds.isEmpty() && !grouped && chance(0.1) && from.columns().stream().anyMatch(column -> !column.qualifier().isEmpty())) {
            String qualifier = pick(from.columns()).qualifier();
            items.add(qualifier + ".*");
            from.columns().stream().filter(column -> column.qualifier().equals(qualifier)).forEach(column -> outputs.add(column.kind()));
        }
        // pgsphere cannot compare geometries: only the result's own, compared as DALI arrays, can be DISTINCT
        if (distinct && depth < QUERY_DEPTH && outputs.stream().anyMatch(kind -> !kind.ordered())) {
            sql.delete("SELECT ".length(), "SELECT DISTINCT ".length());
        }
        sql.append(String.join(", ", items)).append(" FROM ").append(from.sql());
        if (chance(0.5)) {
            sql.append(" WHERE ").append(condition(EXPRESSION_DEPTH, scope, depth));
        }
        if (!groupKeys.isEmpty()) {
            sql.append(" GROUP BY ").append(String.join(", ", groupKeys.stream().map(Column::qualified).toList()));
        }
        if (grouped && chance(0.3)) {
            sql.append(" HAVING ").append(having(scope));
        }
        orderKeys.addAll(positions(outputs));
        return new Select(sql.toString(), orderKeys);
    }

    /** A grouped column, qualified as GROUP BY writes it, or an aggregate. */
    private String groupedItem(Kind kind, Scope scope, List<Column> groupKeys) {
        List<Column> keys = groupKeys.stream().filter(key -> key.kind() == kind).toList();
        return !keys.isEmpty() && chance(0.4) ? pick(keys).qualified() : aggregate(kind, scope);
    }

    private String aggregate(Kind kind, Scope scope) {
        Scope inner = new Scope(scope.columns(), scope.bareNames(), List.of());
        return switch (kind) {
            case INTEGER -> chance(0.5) ? "COUNT(*)"
                    : chance(0.5) ? count(inner)
                    : "SUM(" + integer(1, inner, 0) + ")";
            case NUMBER -> pick("AVG", "SUM", "MIN", "MAX") + "(" + numeric(1, inner, 0) + ")";
            case STRING -> pick("MIN", "MAX") + "(" + string(1, inner, 0) + ")";
            case POINT -> throw new IllegalArgumentException("no aggregate gives a point");
        };
    }

    /** COUNT of a value of any kind, or of its distinct values, which geometries cannot be told apart by. */
    private String count(Scope scope) {
        boolean distinct = chance(0.3);
        Kind kind = distinct ? pick(ORDERED) : pick(Kind.values());
        return "COUNT(" + (distinct ? "DISTINCT " : "") + expression(kind, 1, scope, 0) + ")";
    }

    /** Aggregates and constants only: a column outside an aggregate would have to be grouped. */
    private String having(Scope scope) {
        String condition = aggregate(Kind.NUMBER, scope) + " " + comparison() + " " + pick("1", "2.5", "0x10", "1e3");
        return chance(0.3) ? "(" + condition + " OR COUNT(*) > " + random.nextInt(10) + ")" : condition;
    }

    private From from(int depth, List<Source> commonTables) {
        if (chance(0.25)) {
            From left = relation(depth, commonTables);
            From right = relation(depth, commonTables);
            List<Column> columns = new ArrayList<>(left.columns());
            columns.addAll(right.columns());
            Scope scope = new Scope(columns, false, List.of());
            int join = random.nextInt(5);
            Predicate<Column> id = column -> column.name().equals("id");
            if (join == 2 && left.columns().stream().anyMatch(id) && right.columns().stream().anyMatch(id)) {
                // SELECT * returns the column of USING once, first
                List<Column> star = Stream.concat(left.columns().stream().filter(id), columns.stream().filter(id.negate())).toList();
                return new From(left.sql() + " JOIN " + right.sql() + " USING (id)", columns, false, star);
            }
            String sql = switch (join) {
                case 0 -> left.sql() + " CROSS JOIN " + right.sql();
                case 1 -> left.sql() + ", " + right.sql();
                case 2 -> left.sql() + " JOIN " + right.sql() + " ON " + condition(1, scope, 0);
                default -> left.sql() + " " + pick("", "INNER ", "LEFT ", "RIGHT ", "FULL ", "LEFT OUTER ", "FULL OUTER ")
                        + "JOIN " + right.sql() + " ON " + condition(2, scope, 0);
            };
            return new From(sql, columns, false, columns);
        }
        return relation(depth, commonTables);
    }

    private From relation(int depth, List<Source> commonTables) {
        String alias = name("t");
        if (depth > 0 && chance(0.1)) {
            List<Kind> kinds = kinds();
            Select inner = specification(depth - 1, commonTables, List.of(), Optional.of(kinds), true);
            List<Column> columns = IntStream.range(0, kinds.size()).mapToObj(i -> new Column(alias, "c" + (i + 1), kinds.get(i))).toList();
            return new From("(" + inner.sql() + ") AS " + alias, columns);
        }
        List<Source> sources = new ArrayList<>(tables);
        sources.addAll(commonTables);
        Source source = pick(sources);
        List<Column> columns = source.columns().stream().map(column -> new Column(alias, column.name(), column.kind())).toList();
        return new From(source.name() + (chance(0.7) ? " AS " : " ") + alias, columns);
    }

    private String reference(Column column, Scope scope) {
        boolean bare = scope.bareNames() && scope.columns().contains(column) && chance(0.7);
        return bare ? column.name() : column.qualified();
    }

    private String expression(Kind kind, int depth, Scope scope, int queryDepth) {
        return switch (kind) {
            case INTEGER -> integer(depth, scope, queryDepth);
            case NUMBER -> numeric(depth, scope, queryDepth);
            case STRING -> string(depth, scope, queryDepth);
            case POINT -> point(depth, scope, queryDepth);
        };
    }

    private String integer(int depth, Scope scope, int queryDepth) {
        List<Column> columns = scope.of(Kind.INTEGER);
        if (depth <= 0 || chance(0.3)) {
            return !columns.isEmpty() && chance(0.6) ? reference(pick(columns), scope) : integerLiteral();
        }
        int next = depth - 1;
        return switch (random.nextInt(9)) {
            case 0 -> "(" + integer(next, scope, queryDepth) + " " + pick("+", "-", "*", "/") + " " + integer(next, scope, queryDepth) + ")";
            case 1 -> "(" + integer(next, scope, queryDepth) + " " + pick("&", "|", "^") + " " + integer(next, scope, queryDepth) + ")";
            case 2 -> "~(" + integer(next, scope, queryDepth) + ")";
            case 3 -> "-(" + integer(next, scope, queryDepth) + ")";
            case 4 -> "MOD(" + integer(next, scope, queryDepth) + ", " + integer(next, scope, queryDepth) + ")";
            case 5 -> "CAST(" + numeric(next, scope, queryDepth) + " AS " + pick("SMALLINT", "INTEGER", "BIGINT") + ")";
            case 6 -> "ivo_hasword(" + string(next, scope, queryDepth) + ", " + string(next, scope, queryDepth) + ")";
            case 7 -> "gaia_healpix_index(" + integer(next, scope, queryDepth) + ", " + integer(next, scope, queryDepth) + ")";
            default -> "CASE WHEN " + condition(next, scope, queryDepth) + " THEN " + integer(next, scope, queryDepth)
                    + " ELSE " + integer(next, scope, queryDepth) + " END";
        };
    }

    private String numeric(int depth, Scope scope, int queryDepth) {
        List<Column> columns = scope.of(Kind.NUMBER);
        if (depth <= 0 || chance(0.25)) {
            return chance(0.3) ? integer(0, scope, queryDepth)
                    : !columns.isEmpty() && chance(0.6) ? reference(pick(columns), scope) : pick("1.5", ".5", "3.", "1e3", "2.5E-2", "99999999999999999999");
        }
        int next = depth - 1;
        return switch (random.nextInt(12)) {
            case 0, 1 -> "(" + numeric(next, scope, queryDepth) + " " + pick("+", "-", "*", "/") + " " + numeric(next, scope, queryDepth) + ")";
            case 2 -> "-(" + numeric(next, scope, queryDepth) + ")";
            case 3 -> pick("ABS", "SQRT", "FLOOR", "CEILING", "DEGREES", "RADIANS", "EXP", "LOG", "LOG10", "SIN", "COS", "TAN", "ASIN",
                    "ACOS", "ATAN", "COT") + "(" + numeric(next, scope, queryDepth) + ")";
            case 4 -> pick("POWER", "ATAN2", "MOD") + "(" + numeric(next, scope, queryDepth) + ", " + numeric(next, scope, queryDepth) + ")";
            case 5 -> pick("ROUND", "TRUNCATE") + "(" + numeric(next, scope, queryDepth) + (chance(0.5) ? ", " + integerLiteral() : "") + ")";
            case 6 -> pick("PI()", "RAND()");
            case 7 -> "CAST(" + numeric(next, scope, queryDepth) + " AS " + pick("REAL", "DOUBLE PRECISION", "INTEGER") + ")";
            case 8 -> "COALESCE(" + numeric(next, scope, queryDepth) + ", " + numeric(next, scope, queryDepth) + ")";
            case 9 -> "CASE WHEN " + condition(next, scope, queryDepth) + " THEN " + numeric(next, scope, queryDepth)
                    + (chance(0.7) ? " ELSE " + numeric(next, scope, queryDepth) : "") + " END";
            case 10 -> switch (random.nextInt(5)) {
                case 0 -> "DISTANCE(" + point(next, scope, queryDepth) + ", " + point(next, scope, queryDepth) + ")";
                case 1 -> "DISTANCE(" + coordinates(2, next, scope, queryDepth) + ")";
                case 2 -> pick("COORD1", "COORD2") + "(" + point(next, scope, queryDepth) + ")";
                case 3 -> "AREA(" + shape(next, scope, queryDepth) + ")";
                default -> pick("CONTAINS", "INTERSECTS") + "(" + point(next, scope, queryDepth) + ", " + shape(next, scope, queryDepth) + ")";
            };
            default -> integer(depth, scope, queryDepth);
        };
    }

    private String numbers(int count, int depth, Scope scope, int queryDepth) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(numeric(depth, scope, queryDepth));
        }
        return String.join(", ", numbers);
    }

    /**
     * Longitude, latitude pairs: any computed numbers, but those written out within the limits
     * the translator checks, so that every generated query stays valid.
     */
    private String coordinates(int pairs, int depth, Scope scope, int queryDepth) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            numbers.add(limited(LONGITUDES, depth, scope, queryDepth));
            numbers.add(limited(LATITUDES, depth, scope, queryDepth));
        }
        return String.join(", ", numbers);
    }

    /** A radius, width or height: from 0 to 90 degrees when written out. */
    private String extent(int depth, Scope scope, int queryDepth) {
        return limited(EXTENTS, depth, scope, queryDepth);
    }

    /** A computed number, or one of {@code literals} where it would be a number written out. */
    private String limited(List<String> literals, int depth, Scope scope, int queryDepth) {
        String number = numeric(depth, scope, queryDepth);
        return WRITTEN_OUT.matcher(number).matches() ? pick(literals) : number;
    }

    private String string(int depth, Scope scope, int queryDepth) {
        List<Column> columns = scope.of(Kind.STRING);
        if (depth <= 0 || chance(0.3)) {
            return !columns.isEmpty() && chance(0.6) ? reference(pick(columns), scope) : stringLiteral();
        }
        int next = depth - 1;
        return switch (random.nextInt(6)) {
            case 0 -> pick("LOWER", "UPPER") + "(" + string(next, scope, queryDepth) + ")";
            case 1 -> string(next, scope, queryDepth) + " || " + (chance(0.5) ? string(next, scope, queryDepth) : numeric(next, scope, queryDepth));
            case 2 -> "CAST(" + numeric(next, scope, queryDepth) + " AS " + pick("VARCHAR", "VARCHAR(10)", "CHAR(3)") + ")";
            case 3 -> "COALESCE(" + string(next, scope, queryDepth) + ", " + stringLiteral() + ")";
            case 4 -> "COORDSYS(" + point(next, scope, queryDepth) + ")";
            default -> "CASE " + integer(next, scope, queryDepth) + " WHEN 1 THEN " + string(next, scope, queryDepth)
                    + " WHEN 2 THEN " + string(next, scope, queryDepth) + " ELSE " + string(next, scope, queryDepth) + " END";
        };
    }

    private String point(int depth, Scope scope, int queryDepth) {
        List<Column> columns = scope.of(Kind.POINT);
        if (!columns.isEmpty() && (depth <= 0 || chance(0.4))) {
            return reference(pick(columns), scope);
        }
        int next = Math.max(depth - 1, 0);
        return switch (random.nextInt(3)) {
            case 0 -> "POINT(" + coordinates(1, next, scope, queryDepth) + ")";
            case 1 -> "POINT('ICRS', " + coordinates(1, next, scope, queryDepth) + ")";
            default -> "CENTROID(CIRCLE(" + coordinates(1, next, scope, queryDepth) + ", " + extent(next, scope, queryDepth) + "))";
        };
    }

    private String shape(int depth, Scope scope, int queryDepth) {
        int next = Math.max(depth - 1, 0);
        return switch (random.nextInt(6)) {
            case 0 -> "CIRCLE(" + point(next, scope, queryDepth) + ", " + extent(next, scope, queryDepth) + ")";
            case 1 -> "CIRCLE(" + pick("'ICRS', ", "'', ", "") + coordinates(1, next, scope, queryDepth) + ", "
                    + extent(next, scope, queryDepth) + ")";
            case 2 -> "BOX(" + pick("'ICRS', ", "") + coordinates(1, next, scope, queryDepth) + ", "
                    + extent(next, scope, queryDepth) + ", " + extent(next, scope, queryDepth) + ")";
            case 3 -> "POLYGON(" + coordinates(3 + random.nextInt(2), next, scope, queryDepth) + ")";
            case 4 -> "POLYGON(" + point(next, scope, queryDepth) + ", " + point(next, scope, queryDepth) + ", "
                    + point(next, scope, queryDepth) + ")";
            default -> "CIRCLE(" + point(next, scope, queryDepth) + ", 0.5)";
        };
    }

    private String condition(int depth, Scope scope, int queryDepth) {
        int next = Math.max(depth - 1, 0);
        int choices = depth <= 0 ? 6 : queryDepth <= 0 ? 10 : 12;
        return switch (random.nextInt(choices)) {
            case 0 -> numeric(next, scope, queryDepth) + " " + comparison() + " " + numeric(next, scope, queryDepth);
            case 1 -> string(next, scope, queryDepth) + " " + comparison() + " " + string(next, scope, queryDepth);
            case 2 -> numeric(next, scope, queryDepth) + not() + " BETWEEN " + numeric(next, scope, queryDepth) + " AND "
                    + numeric(next, scope, queryDepth);
            case 3 -> chance(0.5)
                    ? numeric(next, scope, queryDepth) + not() + " IN (" + numbers(1 + random.nextInt(3), next, scope, queryDepth) + ")"
                    : string(next, scope, queryDepth) + not() + " IN (" + stringLiteral() + ", " + stringLiteral() + ")";
            case 4 -> string(next, scope, queryDepth) + not() + " " + pick("LIKE", "ILIKE") + " " + pick("'a%'", "'_b%'", "'%'", "'x!%'")
                    + (chance(0.2) ? " ESCAPE '!'" : "");
            case 5 -> expression(pick(Kind.values()), next, scope, queryDepth) + " IS" + not() + " NULL";
            case 6 -> "NOT (" + condition(next, scope, queryDepth) + ")";
            case 7 -> "(" + condition(next, scope, queryDepth) + " " + pick("AND", "OR") + " " + condition(next, scope, queryDepth) + ")";
            case 8 -> switch (random.nextInt(3)) {
                case 0 -> "1 = CONTAINS(" + point(next, scope, queryDepth) + ", " + shape(next, scope, queryDepth) + ")";
                case 1 -> "CONTAINS(" + point(next, scope, queryDepth) + ", " + shape(next, scope, queryDepth) + ") = 0";
                default -> "INTERSECTS(" + shape(next, scope, queryDepth) + ", " + shape(next, scope, queryDepth) + ") = 1";
            };
            case 9 -> "ivo_hasword(" + string(next, scope, queryDepth) + ", " + stringLiteral() + ") = 1";
            case 10 -> (chance(0.3) ? "NOT " : "") + "EXISTS (" + subquery(scope, queryDepth, Optional.empty()) + ")";
            default -> numeric(next, scope, queryDepth) + not() + " IN (" + subquery(scope, queryDepth, Optional.of(List.of(Kind.NUMBER))) + ")";
        };
    }

    /** A subquery sees the columns around it, by their qualified names. */
    private String subquery(Scope scope, int queryDepth, Optional<List<Kind>> kinds) {
        List<Column> outer = new ArrayList<>(scope.columns());
        outer.addAll(scope.outer());
        return specification(queryDepth - 1, List.of(), outer, kinds, false).sql();
    }

    private String not() {
        return chance(0.3) ? " NOT" : "";
    }

    private String comparison() {
        return pick("=", "<>", "!=", "<", "<=", ">", ">=");
    }

    private String integerLiteral() {
        return chance(0.9) ? Integer.toString(random.nextInt(1000)) : pick("0x1F", "0XfF", "2147483648", "9223372036854775807");
    }

    private String stringLiteral() {
        return pick("'abc'", "''", "'it''s'", "'back\\slash'", "'é'", "'%_'", "'line\nbreak'");
    }

    private String name(String prefix) {
        return prefix + ++names;
    }

    private boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}

package org.tapservice.adql.check;

import org.tapservice.adql.AdqlException;
import org.tapservice.adql.ColumnSource;
import org.tapservice.adql.ErrorCode;
import org.tapservice.adql.check.ColumnBinding.RelationColumn;
import org.tapservice.adql.catalog.Catalog;
import org.tapservice.adql.catalog.CatalogColumn;
import org.tapservice.adql.catalog.CatalogTable;
import org.tapservice.adql.catalog.Identifier;
import org.tapservice.adql.tree.AliasedRelation;
import org.tapservice.adql.tree.Join;
import org.tapservice.adql.tree.JoinCriteria;
import org.tapservice.adql.tree.NodeLocation;
import org.tapservice.adql.tree.Relation;
import org.tapservice.adql.tree.Table;
import org.tapservice.adql.tree.TableSubquery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Resolves a FROM clause into a {@link Scope}: tables, derived tables, common tables and joins. */
final class RelationAnalyzer {

    /** What a relation contributes to its FROM clause. */
    private record Contribution(List<RelationEntry> entries, List<RelationColumn> visible) {
    }

    private final Analyzer analyzer;
    private final Catalog catalog;
    private final Analysis analysis;

    RelationAnalyzer(Analyzer analyzer, Catalog catalog, Analysis analysis) {
        this.analyzer = analyzer;
        this.catalog = catalog;
        this.analysis = analysis;
    }

    Scope fromClause(List<Relation> from, Environment environment) {
        List<RelationEntry> entries = new ArrayList<>();
        List<RelationColumn> visible = new ArrayList<>();
        for (Relation relation : from) {
            Contribution contribution = relation(relation, environment);
            addEntries(entries, contribution.entries(), relation.location());
            visible.addAll(contribution.visible());
        }
        return new Scope(entries, visible, environment.outer());
    }

    private static void addEntries(List<RelationEntry> entries, List<RelationEntry> added, NodeLocation location) {
        for (RelationEntry entry : added) {
            String name = entry.naming().simpleName();
            if (entries.stream().anyMatch(existing -> existing.naming().simpleName().equalsIgnoreCase(name))) {
                throw new AdqlException(ErrorCode.DUPLICATE_RELATION, location,
                        "'" + name + "' appears more than once in FROM: give each occurrence its own alias");
            }
            entries.add(entry);
        }
    }

    private Contribution relation(Relation relation, Environment environment) {
        return switch (relation) {
            case Table table -> single(table(table, Optional.empty(), environment));
            case AliasedRelation aliased -> switch (aliased.relation()) {
                case Table table -> single(table(table, Optional.of(aliased.alias()), environment));
                case TableSubquery subquery -> single(derivedTable(subquery, aliased.alias(), environment));
                default -> throw new AdqlException(ErrorCode.NOT_SUPPORTED, aliased.location(), "an alias for a join is not supported");
            };
            case TableSubquery subquery ->
                    throw new AdqlException(ErrorCode.SYNTAX_ERROR, subquery.location(), "a subquery in FROM needs an alias");
            case Join join -> join(join, environment);
        };
    }

    private static Contribution single(RelationEntry entry) {
        return new Contribution(List.of(entry), entry.columns());
    }

    private RelationEntry table(Table table, Optional<Identifier> alias, Environment environment) {
        if (table.name().size() == 1) {
            Optional<Environment.CommonTable> common = environment.commonTable(table.tableName());
            if (common.isPresent()) {
                String name = common.get().name().text();
                analysis.recordTable(table, new TableBinding.CommonTableBinding(name));
                RelationEntry.Naming naming = alias.<RelationEntry.Naming>map(RelationEntry.Naming.Alias::new)
                        .orElseGet(() -> new RelationEntry.Naming.CommonTableName(common.get().name()));
                List<String> qualifier = List.of(alias.map(Identifier::text).orElse(name));
                return new RelationEntry(naming, derivedColumns(qualifier, common.get().outputs()));
            }
        }
        CatalogTable found = catalogTable(table);
        analysis.recordTable(table, new TableBinding.CatalogBinding(found));
        RelationEntry.Naming naming = alias.<RelationEntry.Naming>map(RelationEntry.Naming.Alias::new)
                .orElseGet(() -> new RelationEntry.Naming.TableName(found));
        List<String> qualifier = alias.map(name -> List.of(name.text())).orElseGet(() -> List.of(found.sqlSchema(), found.sqlTable()));
        List<RelationColumn> columns = new ArrayList<>();
        for (CatalogColumn column : found.columns()) {
            columns.add(new RelationColumn(qualifier, column.sqlName(), column.name(), column.type(),
                    Optional.of(new ColumnSource(found, column))));
        }
        return new RelationEntry(naming, columns);
    }

    private CatalogTable catalogTable(Table table) {
        if (table.name().size() > 2) {
            throw new AdqlException(ErrorCode.NOT_SUPPORTED, table.location(),
                    "catalog names are not supported: write '" + table.name().get(1).text() + "." + table.tableName().text() + "'");
        }
        Optional<Identifier> schema = table.name().size() == 2 ? Optional.of(table.name().getFirst()) : Optional.empty();
        List<CatalogTable> found = catalog.findTables(schema, table.tableName());
        if (found.isEmpty()) {
            throw new AdqlException(ErrorCode.UNKNOWN_TABLE, table.location(), "Table '" + table.displayName() + "' does not exist");
        }
        if (found.size() > 1) {
            throw new AdqlException(ErrorCode.AMBIGUOUS_TABLE, table.location(), "Table '" + table.displayName()
                    + "' is ambiguous: it could be " + String.join(" or ", found.stream().map(CatalogTable::qualifiedName).toList())
                    + "; qualify it with its schema");
        }
        return found.getFirst();
    }

    private RelationEntry derivedTable(TableSubquery subquery, Identifier alias, Environment environment) {
        // A derived table cannot see the FROM clause it stands in (no LATERAL), only enclosing queries.
        List<Output> outputs = analyzer.query(subquery.query(), environment);
        return new RelationEntry(new RelationEntry.Naming.Alias(alias), derivedColumns(List.of(alias.text()), outputs));
    }

    /** The columns of a derived table or common table: its output columns, under their output names. */
    private static List<RelationColumn> derivedColumns(List<String> qualifier, List<Output> outputs) {
        return outputs.stream()
                .map(output -> new RelationColumn(qualifier, output.name(), output.name(), output.type(), output.source()))
                .toList();
    }

    private Contribution join(Join join, Environment environment) {
        Contribution left = relation(join.left(), environment);
        Contribution right = relation(join.right(), environment);
        List<RelationEntry> entries = new ArrayList<>();
        addEntries(entries, left.entries(), join.left().location());
        addEntries(entries, right.entries(), join.right().location());
        List<RelationColumn> visible = new ArrayList<>();
        switch (join.criteria().orElse(null)) {
            case null -> {
                visible.addAll(left.visible());
                visible.addAll(right.visible());
            }
            case JoinCriteria.On on -> {
                visible.addAll(left.visible());
                visible.addAll(right.visible());
                Scope scope = new Scope(entries, visible, environment.outer());
                analyzer.expressions().analyzeCondition(on.condition(), ExpressionContext.of(Clause.JOIN_CONDITION, scope, environment));
            }
            case JoinCriteria.Using using -> merge(join, using.columns(), left, right, visible);
            case JoinCriteria.Natural ignored -> merge(join, commonNames(left, right), left, right, visible);
        }
        return new Contribution(entries, visible);
    }

    private static List<Identifier> commonNames(Contribution left, Contribution right) {
        return left.visible().stream()
                .map(RelationColumn::name)
                .filter(name -> right.visible().stream().anyMatch(column -> column.name().equalsIgnoreCase(name)))
                .map(Identifier::regular)
                .toList();
    }

    /** USING and NATURAL: each matched column appears once, first, unqualified; then the rest of each side. */
    private void merge(Join join, List<Identifier> names, Contribution left, Contribution right, List<RelationColumn> visible) {
        List<RelationColumn> leftRest = new ArrayList<>(left.visible());
        List<RelationColumn> rightRest = new ArrayList<>(right.visible());
        List<String> sqlNames = new ArrayList<>();
        for (Identifier name : names) {
            RelationColumn leftColumn = joinColumn(join, name, leftRest, "left");
            RelationColumn rightColumn = joinColumn(join, name, rightRest, "right");
            if (!leftColumn.sqlName().equals(rightColumn.sqlName())) {
                throw new AdqlException(ErrorCode.NOT_SUPPORTED, join.location(), "joining on '" + name.text()
                        + "' is not supported here: its columns are stored under different names; use ON instead");
            }
            Types.common(leftColumn.type(), rightColumn.type(), join.location(), "join column '" + name.text() + "'");
            leftRest.remove(leftColumn);
            rightRest.remove(rightColumn);
            visible.add(leftColumn.unqualified());
            sqlNames.add(leftColumn.sqlName());
        }
        visible.addAll(leftRest);
        visible.addAll(rightRest);
        analysis.recordJoinColumns(join, sqlNames);
    }

    private static RelationColumn joinColumn(Join join, Identifier name, List<RelationColumn> columns, String side) {
        List<RelationColumn> matching = columns.stream().filter(column -> name.matches(column.name())).toList();
        if (matching.isEmpty()) {
            throw new AdqlException(ErrorCode.UNKNOWN_COLUMN, join.location(),
                    "Column '" + name.text() + "' named in USING does not exist on the " + side + " side of the join");
        }
        if (matching.size() > 1) {
            throw new AdqlException(ErrorCode.AMBIGUOUS_COLUMN, join.location(),
                    "Column '" + name.text() + "' named in USING is ambiguous on the " + side + " side of the join");
        }
        return matching.getFirst();
    }
}

package org.tapservice.adql.check;

import org.tapservice.adql.ColumnSource;
import org.tapservice.adql.catalog.ColumnType;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What a column reference in the query turned out to name. */
public sealed interface ColumnBinding {

    ColumnType type();

    /**
     * A column of a relation in FROM (a table, a derived table or a common table
     * expression), printed as {@code qualifier.sqlName}; the qualifier is empty for the
     * merged column of a USING or NATURAL join, which belongs to neither side.
     */
    record RelationColumn(List<String> sqlQualifier, String sqlName, String name, ColumnType type,
                          Optional<ColumnSource> source) implements ColumnBinding {
        public RelationColumn {
            sqlQualifier = List.copyOf(requireNonNull(sqlQualifier, "sqlQualifier is null"));
            requireNonNull(sqlName, "sqlName is null");
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(source, "source is null");
        }

        RelationColumn unqualified() {
            return new RelationColumn(List.of(), sqlName, name, type, source);
        }
    }

    /** An output column of the same SELECT, named by its alias (ORDER BY, GROUP BY). */
    record OutputAlias(String outputName, ColumnType type) implements ColumnBinding {
        public OutputAlias {
            requireNonNull(outputName, "outputName is null");
            requireNonNull(type, "type is null");
        }
    }
}

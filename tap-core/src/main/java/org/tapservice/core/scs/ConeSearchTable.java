package org.tapservice.core.scs;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.tapservice.core.schema.ColumnDescription;
import org.tapservice.core.schema.TableDescription;

/**
 * A published table a cone search can run on: TAP_SCHEMA names, by UCD, the columns Simple Cone
 * Search 1.1 section 2 requires exactly one of each: the row's identifier
 * ({@code meta.id;meta.main}), and its right ascension and declination
 * ({@code pos.eq.ra;meta.main}, {@code pos.eq.dec;meta.main}, float or double, ICRS degrees).
 */
public record ConeSearchTable(TableDescription table, ColumnDescription id, ColumnDescription ra,
                              ColumnDescription dec) {

    static final String ID_UCD = "meta.id;meta.main";
    static final String RA_UCD = "pos.eq.ra;meta.main";
    static final String DEC_UCD = "pos.eq.dec;meta.main";
    private static final Set<String> FLOATING = Set.of("float", "double");

    public ConeSearchTable {
        requireNonNull(table, "table is null");
        requireNonNull(id, "id is null");
        requireNonNull(ra, "ra is null");
        requireNonNull(dec, "dec is null");
    }

    /** What a table lacks for a cone search, or the cone search table it is. */
    public sealed interface Check permits Usable, Unusable {
    }

    public record Usable(ConeSearchTable table) implements Check {
    }

    /** @param reason what is missing, in words an operator can act on */
    public record Unusable(String reason) implements Check {
    }

    public static Check check(TableDescription table) {
        List<ColumnDescription> ids = withUcd(table, ID_UCD);
        List<ColumnDescription> ras = withUcd(table, RA_UCD);
        List<ColumnDescription> decs = withUcd(table, DEC_UCD);
        if (ras.size() != 1 || decs.size() != 1) {
            return new Unusable("table " + table.name() + " needs exactly one column with UCD " + RA_UCD
                    + " and one with " + DEC_UCD + " (it has " + ras.size() + " and " + decs.size() + ")");
        }
        for (ColumnDescription position : List.of(ras.getFirst(), decs.getFirst())) {
            if (!FLOATING.contains(position.datatype().toLowerCase(Locale.ROOT)) || position.arraysize() != null) {
                return new Unusable("column " + position.name() + " of " + table.name()
                        + " must be a float or double scalar for a cone search, not " + position.datatype());
            }
        }
        if (ids.size() != 1) {
            return new Unusable("table " + table.name() + " needs exactly one column with UCD " + ID_UCD
                    + " (it has " + ids.size() + "): Simple Cone Search identifies every row by it; give that UCD "
                    + "to the table's identifier in TAP_SCHEMA (bin/tap admin publish --meta)");
        }
        return new Usable(new ConeSearchTable(table, ids.getFirst(), ras.getFirst(), decs.getFirst()));
    }

    /** Whether the identifier is text already; a number is cast to text, as SCS wants a character FIELD. */
    boolean idIsText() {
        return id.datatype().equalsIgnoreCase("char") || id.datatype().equalsIgnoreCase("unicodeChar");
    }

    /** The columns a response of this verbosity has, in TAP_SCHEMA's order; always the three above. */
    List<ColumnDescription> columns(Verbosity verb) {
        return table.columns().stream().filter(column -> column == id || column == ra || column == dec
                || verb == Verbosity.FULL || (verb == Verbosity.MEDIUM && column.principal())).toList();
    }

    private static List<ColumnDescription> withUcd(TableDescription table, String ucd) {
        return table.columns().stream()
                .filter(column -> column.ucd() != null && column.ucd().strip().equalsIgnoreCase(ucd))
                .toList();
    }
}

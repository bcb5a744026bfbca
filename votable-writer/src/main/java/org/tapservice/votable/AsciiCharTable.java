package org.tapservice.votable;

import java.io.IOException;
import java.util.List;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.WrapperRowSequence;
import uk.ac.starlink.table.WrapperStarTable;

/**
 * A view of a table in which every character outside ASCII in a {@code char} column is a
 * {@code ?}. VOTable 1.4's char is 7-bit ASCII (section 2.1): STIL would write other characters
 * as UTF-8 bytes, which readers such as astropy reject outright in BINARY and BINARY2. Text
 * that is not ASCII belongs in a unicodeChar column, whose values pass unchanged.
 */
final class AsciiCharTable extends WrapperStarTable {

    private final boolean[] asciiOnly;

    AsciiCharTable(StarTable base, List<ColumnMetadata> columns) {
        super(base);
        this.asciiOnly = new boolean[columns.size()];
        for (int i = 0; i < asciiOnly.length; i++) {
            asciiOnly[i] = columns.get(i).datatype() == Datatype.CHAR;
        }
    }

    @Override
    public RowSequence getRowSequence() throws IOException {
        return new WrapperRowSequence(super.getRowSequence()) {
            @Override
            public Object getCell(int column) throws IOException {
                return ascii(column, super.getCell(column));
            }

            @Override
            public Object[] getRow() throws IOException {
                Object[] row = super.getRow();
                for (int i = 0; i < row.length; i++) {
                    row[i] = ascii(i, row[i]);
                }
                return row;
            }
        };
    }

    private Object ascii(int column, Object cell) {
        return asciiOnly[column] && cell instanceof String text ? ascii(text) : cell;
    }

    /** The text with every character outside ASCII replaced. */
    static String ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                return replaceNonAscii(text);
            }
        }
        return text;
    }

    /** One '?' per character, as FITS writers do: a surrogate pair is one character. */
    private static String replaceNonAscii(String text) {
        StringBuilder ascii = new StringBuilder(text.length());
        text.codePoints().forEach(c -> ascii.append(c <= 0x7F ? (char) c : '?'));
        return ascii.toString();
    }
}

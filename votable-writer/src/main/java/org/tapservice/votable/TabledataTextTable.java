package org.tapservice.votable;

import java.io.IOException;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.WrapperRowSequence;
import uk.ac.starlink.table.WrapperStarTable;

/** A view of a table with every cell as its {@link TabledataText}, for STIL's text writers. */
final class TabledataTextTable extends WrapperStarTable {

    TabledataTextTable(StarTable base) {
        super(base);
    }

    @Override
    public ColumnInfo getColumnInfo(int column) {
        return new ColumnInfo(super.getColumnInfo(column).getName(), String.class, null);
    }

    @Override
    public RowSequence getRowSequence() throws IOException {
        String[] text = new String[getColumnCount()]; // reused: one row in memory, ever
        return new WrapperRowSequence(super.getRowSequence()) {
            @Override
            public Object getCell(int column) throws IOException {
                return TabledataText.format(super.getCell(column));
            }

            @Override
            public Object[] getRow() throws IOException {
                Object[] row = super.getRow();
                for (int i = 0; i < text.length; i++) {
                    text[i] = TabledataText.format(row[i]);
                }
                return text;
            }
        };
    }
}

package org.tapservice.votable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Column metadata: datatypes, arraysizes and the Java types cursors must supply. */
class ColumnMetadataTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", textBlock = """
            boolean,       null, java.lang.Boolean
            bit,           8,    [Z
            unsignedByte,  null, java.lang.Short
            unsignedByte,  *,    [B
            short,         null, java.lang.Short
            short,         2x3,  [S
            int,           null, java.lang.Integer
            int,           1,    java.lang.Integer
            int,           3,    [I
            long,          null, java.lang.Long
            long,          16*,  [J
            float,         null, java.lang.Float
            float,         2x*,  [F
            double,        null, java.lang.Double
            double,        *,    [D
            char,          null, java.lang.String
            char,          *,    java.lang.String
            char,          16,   java.lang.String
            unicodeChar,   32*,  java.lang.String
            floatComplex,  null, [F
            doubleComplex, 4,    [D
            """)
    void theContentClassFollowsDatatypeAndArraysize(String datatype, String arraysize, String className) throws Exception {
        ColumnMetadata column = ColumnMetadata.of("c", Datatype.fromVOTable(datatype), arraysize);
        assertEquals(Class.forName(className), column.contentClass());
    }

    @ParameterizedTest
    @EnumSource(Datatype.class)
    void everyDatatypeIsFoundByItsVOTableName(Datatype datatype) {
        assertEquals(datatype, Datatype.fromVOTable(datatype.voName()));
    }

    @Test
    void anUnknownDatatypeIsRejectedByName() {
        var thrown = assertThrows(IllegalArgumentException.class, () -> Datatype.fromVOTable("varchar"));
        assertTrue(thrown.getMessage().contains("varchar"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "x", "*x2", "2x", "-1", "3 ", "**"})
    void aMalformedArraysizeIsRejected(String arraysize) {
        assertThrows(IllegalArgumentException.class, () -> ColumnMetadata.of("c", Datatype.INT, arraysize));
    }

    @Test
    void columnNamesMustBeUniqueWithinATable() {
        List<ColumnMetadata> columns = List.of(ColumnMetadata.of("a", Datatype.INT, null), ColumnMetadata.of("a", Datatype.LONG, null));
        var thrown = assertThrows(IllegalArgumentException.class, () -> new ResultTable(columns, ListCursor.of(List.of())));
        assertTrue(thrown.getMessage().contains("'a'"));
    }
}

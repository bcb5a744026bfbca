package org.tapservice.adql.catalog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** TAP_SCHEMA describes a column by VOTable datatype, arraysize and xtype; that fixes its ADQL type. */
class ColumnTypeTest {

    @ParameterizedTest(name = "{0} [{1}] {2} is {3}")
    @CsvSource(nullValues = "null", value = {
            "boolean, null, null, BOOLEAN",
            "short, null, null, SMALLINT",
            "unsignedByte, null, null, SMALLINT",
            "int, null, null, INTEGER",
            "long, null, null, BIGINT",
            "float, null, null, REAL",
            "double, null, null, DOUBLE",
            "double, 1, null, DOUBLE",
            "char, null, null, CHAR",
            "char, 8, null, CHAR",
            "char, *, null, VARCHAR",
            "char, 32*, null, VARCHAR",
            "unicodeChar, *, null, VARCHAR",
            "char, *, timestamp, TIMESTAMP",
            "double, 2, point, POINT",
            "double, 3, circle, CIRCLE",
            "double, *, polygon, POLYGON",
            "char, *, adql:REGION, REGION",
            "char, *, clob, CLOB",
            "unsignedByte, *, null, BLOB",
            "double, 2, null, UNKNOWN",
            "adql:DOUBLE, null, null, DOUBLE",
            "adql:VARCHAR, null, null, VARCHAR",
            "adql:POINT, null, null, POINT",
            "floatComplex, null, null, UNKNOWN",
            "null, null, null, UNKNOWN",
    })
    void theVoTableDescriptionGivesTheType(String datatype, String arraysize, String xtype, ColumnType expected) {
        assertEquals(expected, ColumnType.fromVOTable(datatype, arraysize, xtype));
    }
}

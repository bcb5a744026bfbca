package org.tapservice.api.admin.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TapTypeTest {

    @ParameterizedTest(name = "{0}({1}) array={2} -> {3} {4} {5}")
    @CsvSource(nullValues = "-", value = {
            // typname,  typmod, array, datatype, arraysize, xtype,     size
            "int2,        -1,    false, short,    -,         -,         -",
            "int4,        -1,    false, int,      -,         -,         -",
            "int8,        -1,    false, long,     -,         -,         -",
            "float4,      -1,    false, float,    -,         -,         -",
            "float8,      -1,    false, double,   -,         -,         -",
            "numeric,     655366,false, double,   -,         -,         -",
            "bool,        -1,    false, boolean,  -,         -,         -",
            "bytea,       -1,    false, unsignedByte, *,     -,         -",
            "text,        -1,    false, char,     *,         -,         -",
            "varchar,     24,    false, char,     20*,       -,         20",
            "varchar,     -1,    false, char,     *,         -,         -",
            "bpchar,      7,     false, char,     3,         -,         3",
            "timestamp,   -1,    false, char,     *,         timestamp, -",
            "timestamptz, -1,    false, char,     *,         timestamp, -",
            "date,        -1,    false, char,     *,         timestamp, -",
            "spoint,      -1,    false, double,   2,         point,     -",
            "scircle,     -1,    false, double,   3,         circle,    -",
            "spoly,       -1,    false, double,   *,         polygon,   -",
            "int4,        -1,    true,  int,      *,         -,         -",
            "float8,      -1,    true,  double,   *,         -,         -",
    })
    void of_MappedType_ShouldGiveTapType(String name, int typmod, boolean array, String datatype, String arraysize,
            String xtype, Integer size) {
        assertThat(TapType.of(new PgType(name, typmod, array, name))).contains(new TapType(datatype,
                Optional.ofNullable(arraysize), Optional.ofNullable(xtype), Optional.ofNullable(size)));
    }

    @ParameterizedTest
    @CsvSource({"money, false", "uuid, false", "jsonb, false", "text, true", "spoint, true", "timestamp, true"})
    void of_UnmappedType_ShouldBeEmpty(String name, boolean array) {
        assertThat(TapType.of(new PgType(name, -1, array, name))).isEmpty();
    }
}

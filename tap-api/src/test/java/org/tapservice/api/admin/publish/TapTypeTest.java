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

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"spoly, adql:REGION", "scircle, adql:REGION", "spoint, ADQL:region", "sbox, adql:REGION"})
    void of_PgsphereShapeAskedToBeARegion_ShouldBeStcsChars(String name, String xtype) {
        assertThat(TapType.of(new PgType(name, -1, false, name), xtype)).contains(TapType.REGION);
        assertThat(TapType.REGION).isEqualTo(new TapType("char", Optional.of("*"), Optional.of("adql:REGION"),
                Optional.empty()));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({"spoly, polygon", "spoint, point", "timestamptz, timestamp"})
    void of_XtypeTheTypeHasAnyway_ShouldBeItsOwnType(String name, String xtype) {
        PgType type = new PgType(name, -1, false, name);
        assertThat(TapType.of(type, xtype)).isEqualTo(TapType.of(type));
    }

    @ParameterizedTest(name = "{0} (array {1}) as {2}")
    @CsvSource({"text, false, adql:REGION", "float8, true, adql:REGION", "spoly, true, adql:REGION",
            "spoly, false, circle", "spoly, false, moc", "int4, false, timestamp"})
    void of_XtypeTheServiceCannotWrite_ShouldBeEmpty(String name, boolean array, String xtype) {
        assertThat(TapType.of(new PgType(name, -1, array, name), xtype)).isEmpty();
    }
}

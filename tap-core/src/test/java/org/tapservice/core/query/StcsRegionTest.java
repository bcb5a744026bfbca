package org.tapservice.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TAP 1.0 section 6 and ObsCore 1.1: a REGION value is an STC-S string in degrees. The inputs are
 * pgsphere 1.2's text for the shapes, as PostgreSQL sends it (radians, 15 significant digits).
 */
class StcsRegionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            // spoly '{(10d,20d),(11d,20d),(11d,21d)}'
            "{(0.174532925199433 , 0.349065850398866),(0.191986217719376 , 0.349065850398866),(0.191986217719376 , 0.366519142918809)}"
                    + "| Polygon ICRS 10 20 11 20 11 21",
            // scircle '<(10d,20d),1d>'
            "<(0.174532925199433 , 0.349065850398866) , 0.0174532925199433> | Circle ICRS 10 20 1",
            // spoint '(10d,-20d)'
            "(0.174532925199433 , -0.349065850398866) | Position ICRS 10 -20",
            // no exponent and no trailing zeros, whatever the magnitude
            "<(0.1 , 0.2) , 1e-9> | Circle ICRS 5.72957795131 11.4591559026 0.0000000572957795131",
            "(0 , -0.000001) | Position ICRS 0 -0.0000572957795131",
            "(3.14159265358979 , 1.5707963267949) | Position ICRS 180 90",
    })
    void aPgsphereShapeBecomesItsStcsInDegrees(String pgsphere, String stcs) {
        assertThat(StcsRegion.fromPgSphere(pgsphere)).contains(stcs);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"((0.174532925199433 , 0.349065850398866), (0.191986217719376 , 0.366519142918809))"})
    void aBoxIsThePolygonOfItsCornersFromSouthWestCounterClockwise(String sbox) {
        assertThat(StcsRegion.fromPgSphere(sbox)).contains("Polygon ICRS 10 20 11 20 11 21 10 21");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{(6.28318530543426 , -1.5690509975429),(0.00872664625997165 , -1.5690509975429),"
            + "(0.00174532925199433 , -1.56206968053493)}"})
    void aLongitudeJustShortOfAFullCircleIsWrittenAsItsDegreesBelow360(String nearTheSouthPole) {
        assertThat(StcsRegion.fromPgSphere(nearTheSouthPole))
                .contains("Polygon ICRS 359.9999999 -89.9 0.5 -89.9 0.1 -89.5");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{(10d , 20d),(11d , 20d),(11d , 21d)}"})
    void pgspheresDegreeOutputModeIsReadToo(String degrees) {
        assertThat(StcsRegion.fromPgSphere(degrees)).contains("Polygon ICRS 10 20 11 20 11 21");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "  ", "{(10d 30m 0s , +20d 0m 0s),(11d , 20d),(12d , 21d)}",
            "{(0.1 , 0.2),(0.3 , 0.4)}", "{(0.1 , 0.2),(0.3 , 0.4),(0.5)}", "<(0.1 , 0.2) , 0.1 , 0.3>",
            "(NaN , 0.2)", "(Infinity , 0.2)", "[0.1 , 0.2]", "Polygon ICRS 1 2 3 4 5 6",
            "((0.1 , 0.2) , (0.3 , 0.4) , 0.5 , 0.6)"})
    void whatIsNotAPgsphereShapeHasNoStcs(String odd) {
        assertThat(StcsRegion.fromPgSphere(odd)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"adql:REGION, true", "adql:region, true", "region, true", "polygon, false", "shape, false",
            "timestamp, false"})
    void tap10sAdqlRegionXtypeIsARegionInAnyCase(String xtype, boolean region) {
        assertThat(StcsRegion.isRegion(xtype)).isEqualTo(region);
    }
}

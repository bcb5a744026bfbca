package org.tapservice.obscore.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tapservice.obscore.fits.Card;
import org.tapservice.obscore.fits.FitsHeader;

/** The expression language reads header values and calls its fixed pure functions, within its limits. */
class ExpressionTest {

    private static final FitsHeader HEADER = new FitsHeader(List.of(
            new Card("EXPTIME", 2.5, ""), new Card("OBJECT", "ngc 1316 ", ""), new Card("EXPNUM", 7L, ""),
            new Card("DATE-OBS", "2020-01-01T12:00:00", ""), new Card("FLAG", true, "")));

    private static Object eval(String text) {
        return CompiledExpression.compile(text, ExpressionLimits.DEFAULT).evaluate(HEADER);
    }

    @Test
    void arithmeticComparisonAndConditionalsReadHeaderValues() {
        assertThat(eval("EXPTIME * 60 + 1")).isEqualTo(151.0);
        assertThat(eval("-EXPTIME % 2")).isEqualTo(-0.5);
        assertThat(eval("EXPNUM > 5 and FLAG ? 'late' : 'early'")).isEqualTo("late");
        assertThat(eval("not (EXPNUM == 7)")).isEqualTo(false);
        assertThat(eval("upper(trim(OBJECT)) == 'NGC 1316'")).isEqualTo(true);
    }

    @Test
    void aMissingKeywordIsNullAndNullPropagatesThroughArithmetic() {
        assertThat(eval("NOSUCHKEY * 2")).isNull();
        assertThat(eval("coalesce(NOSUCHKEY, EXPTIME) * 2")).isEqualTo(5.0);
        assertThat(eval("NOSUCHKEY > 1")).isEqualTo(false);
    }

    @Test
    void stringDateAndUnitFunctions() {
        assertThat(eval("concat(substr(trim(OBJECT), 1, 3), '-', str(EXPNUM))")).isEqualTo("ngc-7");
        assertThat(eval("replace(OBJECT, ' ', '_')")).isEqualTo("ngc_1316");
        assertThat((double) eval("mjd(header('DATE-OBS'))")).isCloseTo(58849.5, within(1e-9));
        assertThat(eval("isodate(58849.5)")).isEqualTo("2020-01-01T12:00:00");
        assertThat(eval("convert(EXPTIME, 'min', 's')")).isEqualTo(150.0);
        assertThat((double) eval("wavelength(5000, 'Angstrom')")).isCloseTo(5e-7, within(1e-15));
        assertThat((double) eval("jd_to_mjd(2458850.0)")).isCloseTo(58849.5, within(1e-9));
        assertThat(eval("round(2.345, 2)")).isEqualTo(2.35);
        assertThat(eval("num('12.5') + 1")).isEqualTo(13.5);
    }

    @Test
    void anExpressionThatTriesToReadAFileIsRefusedNamingTheFunctionsThatExist() {
        assertThatThrownBy(() -> eval("readFile('/etc/passwd')"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("no function 'readFile'").hasMessageContaining("upper, lower");
        assertThatThrownBy(() -> eval("exec('rm -rf /')")).hasMessageContaining("no function 'exec'");
        assertThatThrownBy(() -> eval("T(java.lang.Runtime).getRuntime()")).isInstanceOf(ExpressionException.class);
    }

    @Test
    void theGrammarHasNoLoopsAndNestingIsBounded() {
        String deep = "(".repeat(40) + "1" + ")".repeat(40);
        assertThatThrownBy(() -> eval(deep)).hasMessageContaining("nests deeper than 32 levels");
        String negations = "-".repeat(100) + "1";
        assertThatThrownBy(() -> eval(negations)).hasMessageContaining("nests deeper");
    }

    @Test
    void anExpressionThatWouldAllocateWithoutBoundIsStopped() {
        // sixteen copies of OBJECT, each of whose sixteen 'n's becomes sixteen copies again, and again
        String sixteen = "concat(" + String.join(", ", java.util.Collections.nCopies(16, "OBJECT")) + ")";
        String bomb = "replace(replace(" + sixteen + ", 'n', " + sixteen + "), 'n', " + sixteen + ")";
        assertThat(bomb.length()).isLessThan(ExpressionLimits.DEFAULT.maxLength());

        assertThatThrownBy(() -> eval(bomb)).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("a text longer than 4096 characters would be built");
    }

    @Test
    void anExpressionDoublingItsTextByNestingIsTooLongToBeRead() {
        String doubling = "OBJECT";
        for (int i = 0; i < 11; i++) {
            doubling = "concat(" + doubling + ", " + doubling + ")";
        }
        String bomb = doubling;
        assertThatThrownBy(() -> eval(bomb)).hasMessageContaining("at most 2000 are allowed");
    }

    @Test
    void evaluationStepsAndTextLengthAreBounded() {
        var tight = new ExpressionLimits(2_000, 32, 50, 4_096);
        String sum = "1" + " + 1".repeat(100);
        assertThatThrownBy(() -> CompiledExpression.compile(sum, tight).evaluate(HEADER))
                .hasMessageContaining("more than 50 steps");
        assertThatThrownBy(() -> eval("1" + " + 1".repeat(1_000))).hasMessageContaining("at most 2000 are allowed");
    }

    @Test
    void errorsSayWhatAndWhere() {
        assertThatThrownBy(() -> eval("EXPTIME * 'x'")).hasMessageContaining("column 11")
                .hasMessageContaining("a number is needed here, not the text 'x'");
        assertThatThrownBy(() -> eval("upper()")).hasMessageContaining("upper takes 1 argument, not 0");
        assertThatThrownBy(() -> eval("'open")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> eval("1 +")).hasMessageContaining("ends too early");
        assertThatThrownBy(() -> eval("convert(1, 'm', 's')")).hasMessageContaining("cannot convert m to s");
    }
}

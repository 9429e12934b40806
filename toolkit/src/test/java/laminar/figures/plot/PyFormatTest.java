package laminar.figures.plot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PyFormatTest {

    /** Expected strings are Python 3.11's f'{v:.3f}' / f'{v:.2f}'. */
    @Test
    void roundsTheExactBinaryValueHalfEvenLikePython() {
        assertThat(PyFormat.fixed(0.1235, 3)).isEqualTo("0.123"); // Java's %.3f gives 0.124
        assertThat(PyFormat.fixed(2.675, 2)).isEqualTo("2.67");
        assertThat(PyFormat.fixed(0.125, 2)).isEqualTo("0.12");
        assertThat(PyFormat.fixed(0.0005, 3)).isEqualTo("0.001");
        assertThat(PyFormat.fixed(1.0005, 3)).isEqualTo("1.000");
        assertThat(PyFormat.fixed(-2.345, 2)).isEqualTo("-2.35");
        assertThat(PyFormat.fixed(0.007811881010059599, 3)).isEqualTo("0.008");
        assertThat(PyFormat.fixed(-0.2906592048297529, 3)).isEqualTo("-0.291");
    }

    @Test
    void keepsTheSignOfNegativeValuesThatRoundToZero() {
        assertThat(PyFormat.fixed(-0.0001, 3)).isEqualTo("-0.000");
        assertThat(PyFormat.fixed(-0.0, 2)).isEqualTo("-0.00");
        assertThat(PyFormat.fixed(0.0, 2)).isEqualTo("0.00");
    }

    @Test
    void nonFiniteValuesPrintAsPythonDoes() {
        assertThat(PyFormat.fixed(Double.NaN, 3)).isEqualTo("nan");
        assertThat(PyFormat.fixed(Double.POSITIVE_INFINITY, 2)).isEqualTo("inf");
        assertThat(PyFormat.fixed(Double.NEGATIVE_INFINITY, 2)).isEqualTo("-inf");
    }
}

package laminar.kernels.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class GlibcMathTest {

    @Test
    void powMatchesCPythonWhereMathPowDoesNot() {
        assumeTrue(GlibcMath.isNative(), "needs the C library (native access)");
        // Python: 1104 ** (-1.0/3.0) == 0.09675579273715333 (glibc); the correctly rounded value ends in ...32.
        assertThat(GlibcMath.pow(1104, -1.0 / 3.0)).isEqualTo(0.09675579273715333);
        assertThat(GlibcMath.pow(1721, -1.0 / 3.0)).isEqualTo(0.08344616390311521);
        assertThat(Math.pow(1104, -1.0 / 3.0)).isNotEqualTo(0.09675579273715333);
    }

    @Test
    void powOfExactCases() {
        assertThat(GlibcMath.pow(8, 1.0 / 3.0)).isEqualTo(2.0);
        assertThat(GlibcMath.pow(1, -1.0 / 3.0)).isEqualTo(1.0);
        assertThat(GlibcMath.pow(1000, -1.0 / 3.0)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-16));
    }
}

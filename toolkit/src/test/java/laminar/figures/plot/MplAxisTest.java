package laminar.figures.plot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MplAxisTest {

    /** Expected steps are matplotlib 3.6's MaxNLocator(nbins, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi). */
    @Test
    void chosesTheStepMatplotlibChooses() {
        assertThat(MplAxis.step(-2.35, 49.35, 9, false)).isCloseTo(10, within(1e-12));
        assertThat(MplAxis.step(-1.1, 1.1, 9, false)).isCloseTo(0.25, within(1e-12));
        assertThat(MplAxis.step(-1.1, 1.1, 8, false)).isCloseTo(0.5, within(1e-12));
        assertThat(MplAxis.step(0.3, 1.0, 5, false)).isCloseTo(0.2, within(1e-12));
        assertThat(MplAxis.step(4.45, 16.45, 6, false)).isCloseTo(2, within(1e-12));
        assertThat(MplAxis.step(4.45, 16.45, 5, false)).isCloseTo(2.5, within(1e-12));
        assertThat(MplAxis.step(-0.5, 33.5, 5, false)).isCloseTo(10, within(1e-12));
        assertThat(MplAxis.step(0.0, 7.4, 4, false)).isCloseTo(2, within(1e-12));
        assertThat(MplAxis.step(1000.2, 1000.9, 5, false)).isCloseTo(0.2, within(1e-9));
        assertThat(MplAxis.step(-3.2e-3, 4.1e-3, 7, false)).isCloseTo(0.002, within(1e-15));
        assertThat(MplAxis.step(-0.5, 3.5, 5, true)).isCloseTo(1, within(1e-12));
    }

    @Test
    void showsEveryTickWithTheSameFewestDecimals() {
        assertThat(MplAxis.decimals(-1.1, 1.1, 0.25)).isEqualTo(2);   // -1.00 ... 1.00
        assertThat(MplAxis.decimals(0.3, 1.0, 0.2)).isEqualTo(1);     // 0.4 ... 1.0
        assertThat(MplAxis.decimals(-2.35, 49.35, 10)).isZero();      // 0 ... 40
        assertThat(MplAxis.decimals(4.45, 16.45, 2.5)).isEqualTo(1);  // 5.0 ... 15.0
    }

    @Test
    void tickLabelsUseTheUnicodeMinusAndNeverMinusZero() {
        TickText f = TickText.fixed(1, 0.2);
        assertThat(f.format(-0.4)).isEqualTo("\u22120.4");
        assertThat(f.format(-5.551115123125783E-17)).isEqualTo("0.0");
        assertThat(f.format(0.6000000000000001)).isEqualTo("0.6");
        assertThat(TickText.shortest(2).format(-0.0000001)).isEqualTo("0");
        assertThat(TickText.shortest(2).format(12.5)).isEqualTo("12.5");
    }
}

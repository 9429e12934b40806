package laminar.specs;

import laminar.analysis.Part6LaminarSelectivity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Part 6: per layer and Q/K/V, within − across, t and the average, against the notebook's selectTs. */
class Part6LaminarSelectivitySpec {

    private final double[][][] golden = Golden.doubles3(Golden.notebook34().json("part6").getAsJsonArray("selectTs"));

    @ParameterizedTest(name = "{0} backend")
    @MethodSource(Fixtures.BACKENDS)
    void onTheNotebooksActivations(String backend) {
        check(Fixtures.onGoldenActivations(backend).part6(), golden, Tolerances.MEAN, Tolerances.T_RELATIVE);
    }

    @ParameterizedTest(name = "{0} backend")
    @MethodSource(Fixtures.BACKENDS)
    void endToEndFromTheCheckpoint(String backend) {
        check(Fixtures.endToEnd(backend).part6(), golden, Tolerances.E2E_MEAN, Tolerances.E2E_T_RELATIVE);
    }

    /** Shared with Part 7b, which is Part 6 on Fisher-z values. */
    static void check(Part6LaminarSelectivity actual, double[][][] expected, double mean, double tRelative) {
        assertThat(actual.values().length).as("layers").isEqualTo(expected.length);
        for (int l = 0; l < expected.length; l++) {
            for (int k = 0; k < 3; k++) {
                String at = "layer " + l + " " + "QKV".charAt(k);
                double[] a = actual.values()[l][k];
                double[] e = expected[l][k];
                assertThat(a[Part6LaminarSelectivity.DIFFERENCE]).as(at + " difference")
                        .isCloseTo(e[0], org.assertj.core.api.Assertions.within(mean));
                Close.relative(a[Part6LaminarSelectivity.T], e[1], tRelative, at + " t");
                assertThat(a[Part6LaminarSelectivity.AVERAGE]).as(at + " average")
                        .isCloseTo(e[2], org.assertj.core.api.Assertions.within(mean));
            }
        }
    }
}

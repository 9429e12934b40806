package laminar.kernels.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import laminar.kernels.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** np.histogram(x, bins='fd') of numpy 1.24.2, bit for bit, from fixtures written by make_fixtures.py. */
class FreedmanDiaconisTest {

    static Stream<Arguments> numpyCases() {
        List<JsonObject> cases = Fixtures.cases("stats/histogram-fd.json");
        return cases.stream().map(c -> Arguments.of(c.get("name").getAsString(), c));
    }

    static Histogram compute(JsonObject c) {
        return "float32".equals(c.get("dtype").getAsString())
                ? FreedmanDiaconis.histogram(Fixtures.floats(c, "x"))
                : FreedmanDiaconis.histogram(Fixtures.doubles(c, "x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numpyCases")
    void reproducesNumpyExactly(String name, JsonObject c) {
        Histogram h = compute(c);
        assertThat(h.edges()).as("edges").containsExactly(Fixtures.doubles(c, "edges"));
        assertThat(h.counts()).as("counts").containsExactly(Fixtures.longs(c, "counts"));
        assertThat(h.density()).as("density").containsExactly(Fixtures.doubles(c, "density"));
        assertThat(h.bins()).isEqualTo(h.counts().length);
        assertThat(h.leftEdges()).hasSize(h.bins()).startsWith(h.edges()[0]);
    }

    @Test
    void float32EdgesAreFloat32Values() {
        JsonObject c = numpyCases().map(a -> (JsonObject) a.get()[1])
                .filter(o -> o.get("name").getAsString().equals("float32 normal n=1000")).findFirst().orElseThrow();
        Histogram h = compute(c);
        for (double e : h.edges()) {
            assertThat((double) (float) e).isEqualTo(e);
        }
        // The same values as float64 give different (float64) edges: the dtype matters.
        Histogram h64 = FreedmanDiaconis.histogram(Fixtures.doubles(c, "x"));
        assertThat(h64.edges()).isNotEqualTo(h.edges());
    }

    @Test
    void oneUlpAtTheMinimumMovesTheFirstEdge() {
        JsonObject c = numpyCases().map(a -> (JsonObject) a.get()[1])
                .filter(o -> o.get("name").getAsString().equals("float64 normal n=45")).findFirst().orElseThrow();
        double[] x = Fixtures.doubles(c, "x");
        int argMin = 0;
        for (int i = 1; i < x.length; i++) {
            argMin = x[i] < x[argMin] ? i : argMin;
        }
        x[argMin] = Math.nextDown(x[argMin]);
        double[] numpyEdges = Fixtures.doubles(c, "edges");
        Histogram h = FreedmanDiaconis.histogram(x);
        assertThat(h.edges()[0]).isEqualTo(Math.nextDown(numpyEdges[0]));
        assertThat(h.edges()).isNotEqualTo(numpyEdges);
    }

    @Test
    void knownSmallCases() {
        // np.histogram([0., 1., 2., 3.], bins='fd'): iqr 1.5, width 3/4^(1/3) = 1.8899, 2 bins.
        Histogram h = FreedmanDiaconis.histogram(new double[] {0, 1, 2, 3});
        assertThat(h.edges()).containsExactly(0.0, 1.5, 3.0);
        assertThat(h.counts()).containsExactly(2L, 2L);
        assertThat(h.density()).containsExactly(1.0 / 3, 1.0 / 3);
        assertThat(FreedmanDiaconis.binWidth(new double[] {0, 1, 2, 3}))
                .isEqualTo(2.0 * 1.5 * GlibcMath.pow(4, -1.0 / 3.0));
        // Constant input: one unit-wide bin around the value.
        Histogram c = FreedmanDiaconis.histogram(new float[] {2f, 2f, 2f});
        assertThat(c.edges()).containsExactly(1.5, 2.5);
        assertThat(c.counts()).containsExactly(3L);
        assertThat(FreedmanDiaconis.binWidth(new float[] {2f, 2f})).isZero();
    }

    @Test
    void nonFiniteInputIsRejected() {
        assertThatThrownBy(() -> FreedmanDiaconis.histogram(new double[] {1, Double.NaN, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> FreedmanDiaconis.histogram(new float[] {1, Float.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void selectedQuartilesEqualThoseOfAFullSort() {
        // Many sizes (every parity of (n-1)/4), heavy ties, signed zeros: the width from the selected order statistics
        // must equal the one from a fully sorted copy, bit for bit.
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(14);
        for (int n = 1; n <= 300; n++) {
            for (int ties : new int[] {0, 3, 50}) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = ties == 0 ? rnd.nextGaussian() : (rnd.nextInt(ties) - ties / 2) * 0.25;
                    x[i] = x[i] == 0 && rnd.nextBoolean() ? -0.0 : x[i];
                }
                double[] sorted = x.clone();
                java.util.Arrays.sort(sorted);
                double expected = 2.0 * (FreedmanDiaconis.percentile(sorted, 0.75, false)
                        - FreedmanDiaconis.percentile(sorted, 0.25, false)) * GlibcMath.pow(n, -1.0 / 3.0);
                assertThat(FreedmanDiaconis.binWidth(x)).as("n=%d ties=%d", n, ties).isEqualTo(expected);
                for (int k = 0; k < n; k += Math.max(1, n / 7)) {
                    double[] y = x.clone();
                    FreedmanDiaconis.select(y, 0, n - 1, k);
                    assertThat(y[k]).as("n=%d k=%d", n, k).isEqualTo(sorted[k] == 0 ? y[k] : sorted[k]);
                    for (int i = 0; i < n; i++) {
                        assertThat(i < k ? y[i] <= y[k] : y[i] >= y[k]).as("partition n=%d k=%d i=%d", n, k, i)
                                .isTrue();
                    }
                }
            }
        }
    }

    @Test
    void percentileIsNumpyLinear() {
        double[] s = {1, 2, 4, 8, 16};
        assertThat(FreedmanDiaconis.percentile(s, 0.75, false)).isEqualTo(8.0);
        assertThat(FreedmanDiaconis.percentile(s, 0.25, false)).isEqualTo(2.0);
        assertThat(FreedmanDiaconis.percentile(new double[] {1, 2}, 0.75, false)).isEqualTo(1.75);
        assertThat(FreedmanDiaconis.percentile(new double[] {5}, 0.25, false)).isEqualTo(5.0);
    }
}

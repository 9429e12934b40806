package laminar.kernels.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import laminar.kernels.Fixtures;
import laminar.kernels.GroupMoments;
import org.junit.jupiter.api.Test;

/** scipy.stats.ttest_ind (equal_var=True) against fixtures from scipy 1.10.1. */
class StudentTTest {

    private static JsonObject fixture(String name) {
        return Fixtures.cases("stats/ttest-ind.json").stream().filter(c -> c.get("name").getAsString().equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void matchesScipyOnFloat64Samples() {
        int checked = 0;
        for (JsonObject c : Fixtures.cases("stats/ttest-ind.json")) {
            double expected = Fixtures.number(c, "t");
            if (!"float64".equals(c.get("dtype").getAsString()) || !Double.isFinite(expected)) {
                continue;
            }
            StudentT t = StudentT.pooled(Fixtures.doubles(c, "a"), Fixtures.doubles(c, "b"));
            assertThat(t.isDefined()).isTrue();
            assertThat(t.t()).as(c.get("name").getAsString()).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void float32SamplesAgreeWithScipyToFloat32Precision() {
        // scipy computes means and variances of float32 input in float32; laminar in double.
        for (int seed = 0; seed < 3; seed++) {
            JsonObject c = fixture("part6 float32 seed=" + seed);
            double expected = Fixtures.number(c, "t");
            StudentT t = StudentT.pooled(Fixtures.floats(c, "a"), Fixtures.floats(c, "b"));
            assertThat(t.t()).isCloseTo(expected, within(1e-4 * Math.abs(expected)));
            JsonObject c64 = fixture("part6 float64 seed=" + seed);
            assertThat(t.t()).isCloseTo(Fixtures.number(c64, "t"), within(1e-12 * Math.abs(expected)));
        }
    }

    @Test
    void fromMomentsEqualsFromSamples() {
        JsonObject c = fixture("normal 10 vs 13");
        double[] a = Fixtures.doubles(c, "a");
        double[] b = Fixtures.doubles(c, "b");
        double ma = java.util.Arrays.stream(a).sum() / a.length;
        double mb = java.util.Arrays.stream(b).sum() / b.length;
        double m2a = java.util.Arrays.stream(a).map(v -> (v - ma) * (v - ma)).sum();
        double m2b = java.util.Arrays.stream(b).map(v -> (v - mb) * (v - mb)).sum();
        StudentT fromMoments = StudentT.pooled(new GroupMoments(a.length, ma, m2a, b.length, mb, m2b));
        assertThat(fromMoments.t()).isCloseTo(Fixtures.number(c, "t"), within(1e-12));
        assertThat(fromMoments.df()).isEqualTo(21.0);
        assertThat(StudentT.pooled(a, b).t()).isCloseTo(fromMoments.t(), within(1e-13));
    }

    @Test
    void equalMeansGiveZero() {
        StudentT t = StudentT.pooled(new double[] {1, 2, 3}, new double[] {0, 2, 4});
        assertThat(t.t()).isEqualTo(Fixtures.number(fixture("equal means"), "t")).isZero();
    }

    @Test
    void groupOfOneIsUndefinedAsInScipy() {
        JsonObject c = fixture("group of one");
        assertThat(Fixtures.number(c, "t")).isNaN();
        StudentT t = StudentT.pooled(Fixtures.doubles(c, "a"), Fixtures.doubles(c, "b"));
        assertThat(t.t()).isNaN();
        assertThat(t.isDefined()).isFalse();
        assertThat(t.undefinedReason()).contains("at least 2");
        assertThat(StudentT.pooled(new double[0], new double[] {1, 2}).undefinedReason()).contains("at least 2");
    }

    @Test
    void zeroVarianceIsNaNWhereScipyGivesInfinity() {
        JsonObject differ = fixture("both constant, different means");
        assertThat(Fixtures.number(differ, "t")).isInfinite();
        StudentT t = StudentT.pooled(Fixtures.doubles(differ, "a"), Fixtures.doubles(differ, "b"));
        assertThat(t.t()).isNaN();
        assertThat(t.undefinedReason()).contains("zero variance");
        JsonObject equal = fixture("both constant, equal means");
        assertThat(Fixtures.number(equal, "t")).isNaN();
        assertThat(StudentT.pooled(Fixtures.doubles(equal, "a"), Fixtures.doubles(equal, "b")).undefinedReason())
                .contains("zero variance");
        // One constant group is fine: the pooled variance comes from the other.
        JsonObject one = fixture("one constant group");
        assertThat(StudentT.pooled(Fixtures.doubles(one, "a"), Fixtures.doubles(one, "b")).t())
                .isCloseTo(Fixtures.number(one, "t"), within(1e-12));
    }

    @Test
    void nanInputIsUndefined() {
        StudentT t = StudentT.pooled(new double[] {1, Double.NaN, 3}, new double[] {0, 2, 4});
        assertThat(t.t()).isNaN();
        assertThat(t.undefinedReason()).contains("NaN");
    }

    @Test
    void selectivityFromMoments() {
        GroupMoments g = new GroupMoments(4, 0.8, 0.03, 6, 0.5, 0.05);
        Selectivity s = Selectivity.of(g);
        assertThat(s.difference()).isCloseTo(0.3, within(1e-15));
        assertThat(s.average()).isCloseTo(0.65, within(1e-15));
        double svar = (0.03 + 0.05) / 8;
        assertThat(s.t()).isCloseTo(0.3 / Math.sqrt(svar * (1.0 / 4 + 1.0 / 6)), within(1e-12));
        assertThat(Selectivity.of(new GroupMoments(1, 0.8, 0, 6, 0.5, 0.05)).t()).isNaN();
    }
}

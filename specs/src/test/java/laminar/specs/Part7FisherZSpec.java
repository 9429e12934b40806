package laminar.specs;

import com.google.gson.JsonObject;
import laminar.analysis.Part7aIllustration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Part 7: the seeded Fisher-z illustration (7a) and Part 6 on Fisher-z transformed similarities (7b). */
class Part7FisherZSpec {

    private final JsonObject golden = Golden.notebook34().json("part7");

    @ParameterizedTest(name = "{0} backend")
    @MethodSource(Fixtures.BACKENDS)
    void illustrationDrawsWhatNumpyDraws(String backend) {
        Part7aIllustration a = Fixtures.onGoldenActivations(backend).part7().illustration();
        JsonObject g = golden.getAsJsonObject("a");
        assertThat(a.seed()).isEqualTo(golden.get("seed").getAsLong());
        assertThat(a.r()).hasSize(g.get("n").getAsInt());
        double[] first = Golden.doubles(g.getAsJsonArray("r_first"));
        for (int i = 0; i < first.length; i++) {
            assertThat(a.r()[i]).as("draw %d", i).isEqualTo(first[i]); // bit for bit: same generator
        }
        // Same draws, numpy's histogram recipe: edges and counts are exact.
        assertThat(a.rCounts().edges()).containsExactly(Golden.doubles(g.getAsJsonObject("r_hist").getAsJsonArray("edges")));
        assertThat(a.rCounts().values()).containsExactly(Golden.doubles(g.getAsJsonObject("r_hist").getAsJsonArray("counts")));
        assertThat(a.zCounts().edges()).containsExactly(Golden.doubles(g.getAsJsonObject("fz_hist").getAsJsonArray("edges")));
        assertThat(a.zCounts().values()).containsExactly(Golden.doubles(g.getAsJsonObject("fz_hist").getAsJsonArray("counts")));
    }

    @ParameterizedTest(name = "{0} backend")
    @MethodSource(Fixtures.BACKENDS)
    void selectivityOnFisherZOfTheNotebooksActivations(String backend) {
        assertThat(Fixtures.onGoldenActivations(backend).part7().selectivity().fisherZ()).isTrue();
        Part6LaminarSelectivitySpec.check(Fixtures.onGoldenActivations(backend).part7().selectivity(),
                Golden.doubles3(golden.getAsJsonObject("b").getAsJsonArray("selectTs")),
                Tolerances.MEAN, Tolerances.T_RELATIVE);
    }

    @ParameterizedTest(name = "{0} backend")
    @MethodSource(Fixtures.BACKENDS)
    void selectivityOnFisherZEndToEnd(String backend) {
        Part6LaminarSelectivitySpec.check(Fixtures.endToEnd(backend).part7().selectivity(),
                Golden.doubles3(golden.getAsJsonObject("b").getAsJsonArray("selectTs")),
                Tolerances.E2E_MEAN, Tolerances.E2E_T_RELATIVE);
    }
}

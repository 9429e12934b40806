package laminar.specs;

import com.google.gson.JsonObject;
import laminar.analysis.Distribution;
import laminar.analysis.LaminarResults;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Part 5: within/across t values and Freedman–Diaconis density histograms of the chosen layer. */
class Part5LayerSelectivitySpec {

    private static final String[] KINDS = {"q", "k", "v"};
    private final JsonObject golden = Golden.notebook34().json("part5");

    @ParameterizedTest(name = "{0} backend")
    @MethodSource(Fixtures.BACKENDS)
    void onTheNotebooksActivations(String backend) {
        LaminarResults r = Fixtures.onGoldenActivations(backend);
        checkT(r, Tolerances.T_RELATIVE);
        for (int k = 0; k < 3; k++) {
            JsonObject h = golden.getAsJsonObject("hist").getAsJsonObject(KINDS[k]);
            checkHistogram(r.part5().within()[k], h.getAsJsonObject("within"), KINDS[k] + " within");
            checkHistogram(r.part5().across()[k], h.getAsJsonObject("across"), KINDS[k] + " across");
        }
    }

    @ParameterizedTest(name = "{0} backend")
    @MethodSource(Fixtures.BACKENDS)
    void endToEndFromTheCheckpoint(String backend) {
        LaminarResults r = Fixtures.endToEnd(backend);
        checkT(r, Tolerances.E2E_T_RELATIVE);
        for (int k = 0; k < 3; k++) {
            JsonObject h = golden.getAsJsonObject("hist").getAsJsonObject(KINDS[k]);
            double[] edges = Golden.doubles(h.getAsJsonObject("within").getAsJsonArray("edges"));
            // Same number of bins; edges move with the similarities' min, max and quartiles.
            assertThat(r.part5().within()[k].edges()).hasSameSizeAs(edges);
            Close.abs(r.part5().within()[k].edges(), edges, Tolerances.E2E_COSINE, KINDS[k] + " within edges");
        }
    }

    private void checkT(LaminarResults r, double relative) {
        assertThat(r.part5().layer()).isEqualTo(golden.get("layer").getAsInt());
        double[] t = Golden.doubles(golden.getAsJsonArray("t"));
        for (int k = 0; k < 3; k++) {
            Close.relative(r.part5().t()[k], t[k], relative, "t " + KINDS[k]);
        }
    }

    private static void checkHistogram(Distribution actual, JsonObject expected, String what) {
        double[] edges = Golden.doubles(expected.getAsJsonArray("edges"));
        double[] density = Golden.doubles(expected.getAsJsonArray("density"));
        assertThat(actual.edges()).as(what + " bins").hasSameSizeAs(edges);
        Close.abs(actual.edges(), edges, Tolerances.EDGE, what + " edges");
        for (int i = 0; i < density.length; i++) {
            Close.relative(actual.values()[i], density[i], Tolerances.DENSITY_RELATIVE, what + " density[" + i + "]");
        }
    }
}

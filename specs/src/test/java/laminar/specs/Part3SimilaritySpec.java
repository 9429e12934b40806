package laminar.specs;

import com.google.gson.JsonObject;
import laminar.analysis.LaminarResults;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Part 3: the chosen layer's Q/K/V cosine matrices at the last token (3a) and their RSA r values (3b). */
class Part3SimilaritySpec {

    private static final String[] KEYS = {"cos_q", "cos_k", "cos_v"};
    private final JsonObject golden = Golden.notebook34().json("part3");

    @ParameterizedTest(name = "{0} backend")
    @MethodSource(Fixtures.BACKENDS)
    void onTheNotebooksActivations(String backend) {
        check(Fixtures.onGoldenActivations(backend), Tolerances.COSINE, Tolerances.R);
    }

    @ParameterizedTest(name = "{0} backend")
    @MethodSource(Fixtures.BACKENDS)
    void endToEndFromTheCheckpoint(String backend) {
        check(Fixtures.endToEnd(backend), Tolerances.E2E_COSINE, Tolerances.E2E_R);
    }

    private void check(LaminarResults r, double cosTolerance, double rTolerance) {
        assertThat(r.part3().layer()).isEqualTo(golden.get("layer").getAsInt());
        for (int k = 0; k < 3; k++) {
            double[] expected = Close.flatten(Golden.doubles2(golden.getAsJsonArray(KEYS[k])));
            Close.abs(r.part3().cosine()[k], expected, cosTolerance, KEYS[k]);
        }
        Close.abs(r.part3().rsa(), Golden.doubles(golden.getAsJsonArray("rsa_r")), rTolerance, "3b r");
    }
}

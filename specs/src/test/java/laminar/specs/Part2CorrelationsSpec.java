package laminar.specs;

import com.google.gson.JsonObject;
import laminar.analysis.LaminarResults;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Part 2: Q/K/V correlations at token position 1 — 2a for the chosen layer, 2b for every layer. */
class Part2CorrelationsSpec {

    private final JsonObject golden = Golden.notebook34().json("part2");

    @ParameterizedTest(name = "{0} backend")
    @MethodSource(Fixtures.BACKENDS)
    void onTheNotebooksActivations(String backend) {
        check(Fixtures.onGoldenActivations(backend), Tolerances.R);
    }

    @ParameterizedTest(name = "{0} backend")
    @MethodSource(Fixtures.BACKENDS)
    void endToEndFromTheCheckpoint(String backend) {
        check(Fixtures.endToEnd(backend), Tolerances.E2E_R);
    }

    private void check(LaminarResults r, double tolerance) {
        assertThat(r.part2().position().toString()).isEqualTo(golden.get("position").getAsString());
        assertThat(r.part2().layer()).isEqualTo(golden.get("layer").getAsInt());
        Close.abs(r.part2().chosen(), Golden.doubles(golden.getAsJsonArray("r")), tolerance, "2a r");
        Close.abs(r.part2().byLayer(), Golden.doubles2(golden.getAsJsonArray("corrs")), tolerance, "2b corrs");
    }
}

package laminar.specs;

import com.google.gson.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Part 4: RSA Q–K, Q–V, K–V of every layer. */
class Part4LaminarRsaSpec {

    private final JsonObject golden = Golden.notebook34().json("part4");

    @ParameterizedTest(name = "{0} backend")
    @MethodSource(Fixtures.BACKENDS)
    void onTheNotebooksActivations(String backend) {
        Close.abs(Fixtures.onGoldenActivations(backend).part4().rsa(), Golden.doubles2(golden.getAsJsonArray("rsa")),
                Tolerances.R, "rsa");
    }

    @ParameterizedTest(name = "{0} backend")
    @MethodSource(Fixtures.BACKENDS)
    void endToEndFromTheCheckpoint(String backend) {
        Close.abs(Fixtures.endToEnd(backend).part4().rsa(), Golden.doubles2(golden.getAsJsonArray("rsa")),
                Tolerances.E2E_R, "rsa");
    }
}

package laminar.model.architectures;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import laminar.LaminarException;
import laminar.json.StrictJson;

import java.nio.file.Path;

/**
 * Fuzzes the config.json reader: any bytes either give a config whose invariants hold or a
 * {@link LaminarException}; any other exception is a finding (corpus in {@code Gpt2ConfigFuzzTestInputs/config/}).
 */
class Gpt2ConfigFuzzTest {

    private static final Path FILE = Path.of("config.json");

    @FuzzTest(maxDuration = "5m")
    void config(@NotNull byte[] bytes) {
        try {
            Gpt2Config c = Gpt2Config.parse(FILE, StrictJson.utf8(bytes, FILE.toString(), "fix it"));
            if (c.nLayer() < 1 || c.nEmbd() % c.nHead() != 0 || !(c.layerNormEpsilon() > 0)
                    || !Double.isFinite(c.layerNormEpsilon()) || c.nInner() < 1) {
                throw new AssertionError("accepted an impossible config: " + c);
            }
        } catch (LaminarException expected) {
            // refused with a message: fine
        }
    }
}

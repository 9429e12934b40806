package laminar.kernels.tornado;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whether the tests can reach TornadoVM. Under the tornado profile ({@code laminar.tornado.required=true}, set by
 * this module's surefire configuration) a missing runtime or device fails the build with the reason; elsewhere
 * (an IDE without TornadoVM's flags) the tests are skipped with the reason, never passed silently.
 */
final class TornadoAssumptions {

    private TornadoAssumptions() {
    }

    static void requireTornado() {
        TornadoKernelsProvider.Status s = TornadoKernelsProvider.status();
        if (s.available()) {
            return;
        }
        if (Boolean.getBoolean("laminar.tornado.required")) {
            fail("TornadoVM backend unavailable under the tornado profile: " + s.reason());
        }
        assumeTrue(false, "TornadoVM backend unavailable: " + s.reason());
    }
}

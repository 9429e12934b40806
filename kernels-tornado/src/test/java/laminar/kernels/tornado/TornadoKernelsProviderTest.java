package laminar.kernels.tornado;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

import laminar.kernels.Backends;
import laminar.kernels.KernelBackend;
import laminar.kernels.KernelBackendProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TornadoKernelsProviderTest {

    @Test
    void isRegisteredForServiceLoading() {
        assertThat(ServiceLoader.load(KernelBackendProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(TornadoKernelsProvider.class);
    }

    @Test
    void withoutTornadoFlagsItIsUnavailableWithAReasonInsteadOfThrowing() {
        TornadoKernelsProvider.Status s = TornadoKernelsProvider.probe(null);
        assertThat(s.available()).isFalse();
        assertThat(s.reason()).contains("tornado-argfile").contains("TORNADOVM_HOME");
    }

    @Test
    void withoutFlagsAndWithoutTornadovmHomeItSaysToSetIt() {
        String reason = TornadoKernelsProvider.probe(null, null).reason();
        assertThat(reason).startsWith("TORNADOVM_HOME is not set").contains("@$TORNADOVM_HOME/tornado-argfile");
    }

    @Test
    void aTornadovmHomeWithoutArgfileIsNamedAsHoldingNoTornadoVm(@TempDir Path notTornado) {
        String reason = TornadoKernelsProvider.probe(null, notTornado.toString()).reason();
        assertThat(reason).startsWith("TORNADOVM_HOME=" + notTornado + " holds no TornadoVM (no tornado-argfile there)")
                .contains("--generate-argfile");
    }

    @Test
    void aRealArgfileThatTheJvmWasNotStartedWithIsNamed(@TempDir Path sdk) throws IOException {
        Path argfile = Files.writeString(sdk.resolve("tornado-argfile"), "-XX:+EnableJVMCI\n");
        String reason = TornadoKernelsProvider.probe(null, sdk.toString()).reason();
        assertThat(reason).startsWith("this JVM was started without TornadoVM's flags: add @" + argfile + " ");
    }

    @Test
    void isPreferredAndRunsWhenTornadoIsThere() {
        TornadoAssumptions.requireTornado();
        assertThat(new TornadoKernelsProvider().isAvailable()).isTrue();
        assertThat(Backends.available()).first().isEqualTo("tornado");
        KernelBackend k = Backends.get("tornado");
        assertThat(k).isInstanceOf(TornadoKernels.class);
        assertThat(k.device()).startsWith("TornadoVM").contains("fp64");
        ((TornadoKernels) k).close();
    }
}

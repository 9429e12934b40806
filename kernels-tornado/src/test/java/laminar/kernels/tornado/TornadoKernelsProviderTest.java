package laminar.kernels.tornado;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;

import laminar.kernels.Backends;
import laminar.kernels.KernelBackend;
import laminar.kernels.KernelBackendProvider;
import org.junit.jupiter.api.Test;

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

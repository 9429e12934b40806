package laminar.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void javaIsAlwaysThereAndLast() {
        assertThat(Backends.available()).last().isEqualTo(JavaKernels.NAME);
        assertThat(Backends.get("java")).isInstanceOf(JavaKernels.class);
    }

    @Test
    void tornadoWithoutItsModuleSaysHowToGetIt() {
        // The kernels module's tests never have kernels-tornado on the class path.
        assertThatThrownBy(() -> Backends.get("tornado"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no kernel backend named 'tornado'; available: java. The tornado backend needs TornadoVM: "
                        + "set TORNADOVM_HOME to a TornadoVM SDK and start laminar with ./laminar, which builds and "
                        + "loads it (kernels-tornado/README.md).");
    }
}

package laminar.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds kernel backends at run time: the built-in {@link JavaKernels} plus any {@link KernelBackendProvider}
 * on the class path (e.g. the TornadoVM backend, built only where TornadoVM is installed).
 *
 * <pre>{@code
 * KernelBackend k = Backends.get("java");
 * KernelBackend best = Backends.preferred();   // tornado when available, else java
 * }</pre>
 */
public final class Backends {

    private Backends() {
    }

    /** Names of all backends that can run here, the preferred one first. */
    public static List<String> available() {
        List<String> names = new ArrayList<>();
        for (KernelBackendProvider p : providers()) {
            if (p.isAvailable()) {
                names.add(p.name());
            }
        }
        names.add(JavaKernels.NAME);
        return names;
    }

    /** The backend called {@code name}; throws with the available names when there is none. */
    public static KernelBackend get(String name) {
        if (JavaKernels.NAME.equals(name)) {
            return new JavaKernels();
        }
        for (KernelBackendProvider p : providers()) {
            if (p.name().equals(name)) {
                if (!p.isAvailable()) {
                    throw new IllegalArgumentException("kernel backend '" + name + "' is installed but cannot run here: "
                            + p.unavailableReason() + ". Use --backend java.");
                }
                return p.create();
            }
        }
        throw new IllegalArgumentException("no kernel backend named '" + name + "'; available: "
                + String.join(", ", available()) + ". The tornado backend needs TornadoVM: set TORNADOVM_HOME to a "
                + "TornadoVM SDK and start laminar with ./laminar, which builds and loads it (kernels-tornado/README.md).");
    }

    /** The first available provider's backend (tornado when installed), else the Java backend. */
    public static KernelBackend preferred() {
        return get(available().getFirst());
    }

    private static List<KernelBackendProvider> providers() {
        List<KernelBackendProvider> list = new ArrayList<>();
        ServiceLoader.load(KernelBackendProvider.class).forEach(list::add);
        return list;
    }
}

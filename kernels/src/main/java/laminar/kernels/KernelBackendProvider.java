package laminar.kernels;

/**
 * Service interface through which optional backends (TornadoVM) register themselves, listed in
 * {@code META-INF/services/laminar.kernels.KernelBackendProvider} of their jar.
 */
public interface KernelBackendProvider {

    /** The backend's name, e.g. {@code tornado}. */
    String name();

    /** Whether the backend can run in this JVM (e.g. TornadoVM's runtime and a device are present). */
    boolean isAvailable();

    /** Why {@link #isAvailable()} is false, in words a user can act on. */
    default String unavailableReason() {
        return "not available";
    }

    /** A new backend instance. */
    KernelBackend create();
}

package laminar.kernels.tornado;

import laminar.kernels.KernelBackend;
import laminar.kernels.KernelBackendProvider;

/**
 * Registers the TornadoVM backend with {@link laminar.kernels.Backends} (ServiceLoader). Never throws from
 * {@link #isAvailable()}: without TornadoVM's runtime, flags or a usable device it answers false and
 * {@link #unavailableReason()} says what to do. TornadoVM types are only touched once the flags are known to be there.
 */
public final class TornadoKernelsProvider implements KernelBackendProvider {

    /** Set by TornadoVM's argfile; without it TornadoVM's runtime cannot start. */
    static final String RUNTIME_PROPERTY = "tornado.load.runtime.implementation";

    private static final Object LOCK = new Object();
    private static volatile Status status;

    /** The probe's answer, computed once per JVM. */
    record Status(boolean available, String reason) {
    }

    @Override
    public String name() {
        return TornadoKernels.NAME;
    }

    @Override
    public boolean isAvailable() {
        return status().available();
    }

    @Override
    public String unavailableReason() {
        Status s = status();
        return s.available() ? "available" : s.reason();
    }

    @Override
    public KernelBackend create() {
        if (!isAvailable()) {
            throw new IllegalStateException("the tornado kernel backend cannot run here: " + unavailableReason());
        }
        return new TornadoKernels();
    }

    static Status status() {
        Status s = status;
        if (s == null) {
            synchronized (LOCK) {
                s = status;
                if (s == null) {
                    s = probe(System.getProperty(RUNTIME_PROPERTY));
                    status = s;
                }
            }
        }
        return s;
    }

    /** The probe, given the value of {@link #RUNTIME_PROPERTY} (null when the JVM lacks TornadoVM's flags). */
    static Status probe(String runtimeImplementation) {
        if (runtimeImplementation == null) {
            return new Status(false, "the JVM was not started with TornadoVM's flags; set TORNADOVM_HOME and start "
                    + "java with @$TORNADOVM_HOME/tornado-argfile (the laminar launcher does this when TORNADOVM_HOME "
                    + "is set and the kernels-tornado module is built)");
        }
        try {
            TornadoProbe.Found found = TornadoProbe.find();
            return found.ok() ? new Status(true, null) : new Status(false, found.reason());
        } catch (LinkageError | RuntimeException e) {
            // Missing TornadoVM modules, a failing driver (no OpenCL ICD loader) and the like.
            return new Status(false, "TornadoVM's runtime did not start: " + e
                    + (e.getCause() != null ? " (cause: " + e.getCause() + ")" : "")
                    + "; check `tornado --devices` and that TORNADOVM_HOME matches the tornado-argfile used");
        }
    }
}

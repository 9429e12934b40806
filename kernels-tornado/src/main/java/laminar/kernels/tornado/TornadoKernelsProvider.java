package laminar.kernels.tornado;

import java.nio.file.Files;
import java.nio.file.Path;

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
        return probe(runtimeImplementation, System.getenv("TORNADOVM_HOME"));
    }

    /** The probe, also given the environment's {@code TORNADOVM_HOME} (null when unset) to say what is missing. */
    static Status probe(String runtimeImplementation, String tornadoHome) {
        if (runtimeImplementation == null) {
            return new Status(false, withoutFlags(tornadoHome));
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

    /** Why a JVM without TornadoVM's flags cannot run the backend, naming the one thing to fix first. */
    static String withoutFlags(String tornadoHome) {
        if (tornadoHome == null || tornadoHome.isBlank()) {
            return "TORNADOVM_HOME is not set and this JVM was started without TornadoVM's flags: set TORNADOVM_HOME to "
                    + "a TornadoVM SDK and start java with @$TORNADOVM_HOME/tornado-argfile (./laminar does both; "
                    + "kernels-tornado/README.md)";
        }
        Path argfile = Path.of(tornadoHome, "tornado-argfile");
        if (!Files.isRegularFile(argfile)) {
            return "TORNADOVM_HOME=" + tornadoHome + " holds no TornadoVM (no tornado-argfile there): point it at a "
                    + "TornadoVM SDK (after copying one, run its bin/tornado --generate-argfile) and start java with "
                    + "@$TORNADOVM_HOME/tornado-argfile (kernels-tornado/README.md)";
        }
        return "this JVM was started without TornadoVM's flags: add @" + argfile + " to the java command line "
                + "(./laminar does this when TORNADOVM_HOME is set)";
    }
}

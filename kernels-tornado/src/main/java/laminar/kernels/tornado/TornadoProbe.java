package laminar.kernels.tornado;

import uk.ac.manchester.tornado.api.TornadoBackend;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/**
 * Finds the TornadoVM device laminar runs on and says, in words a user can act on, why there is none. Only touched
 * after {@link TornadoKernelsProvider} has checked that the JVM was started with TornadoVM's flags.
 */
final class TornadoProbe {

    /** System property choosing the device as {@code backend:device}, e.g. {@code 0:1}; default: TornadoVM's. */
    static final String DEVICE_PROPERTY = "laminar.tornado.device";

    /** What the probe found: a usable device, or the reason there is none. */
    record Found(TornadoDevice device, String reason) {
        boolean ok() {
            return device != null;
        }
    }

    private TornadoProbe() {
    }

    static Found find() {
        TornadoRuntime runtime = TornadoRuntimeProvider.getTornadoRuntime();
        if (runtime == null || runtime.getNumBackends() == 0) {
            return new Found(null, "TornadoVM found no backend (OpenCL, PTX, SPIR-V); check `tornado --devices`");
        }
        TornadoDevice device;
        String wanted = System.getProperty(DEVICE_PROPERTY);
        if (wanted != null && !wanted.isBlank()) {
            String[] parts = wanted.trim().split(":");
            if (parts.length != 2) {
                return new Found(null, DEVICE_PROPERTY + "=" + wanted + " is not backend:device (e.g. 0:0)");
            }
            int b = Integer.parseInt(parts[0]);
            int d = Integer.parseInt(parts[1]);
            if (b < 0 || b >= runtime.getNumBackends() || d < 0 || d >= runtime.getBackend(b).getNumDevices()) {
                return new Found(null, DEVICE_PROPERTY + "=" + wanted + " names no device; see `tornado --devices`");
            }
            device = runtime.getBackend(b).getDevice(d);
        } else {
            TornadoBackend backend = runtime.getBackend(0);
            if (backend.getNumDevices() == 0) {
                return new Found(null, "TornadoVM's " + backend.getName() + " backend sees no device; install a driver "
                        + "(for a CPU: PoCL, apt-get install pocl-opencl-icd) and check `tornado --devices`");
            }
            device = runtime.getDefaultDevice();
        }
        if (!device.getDeviceContext().isFP64Supported()) {
            // The kernels accumulate in double; float accumulation would not meet the reference's accuracy.
            return new Found(null, "device " + device.getPhysicalDevice().getDeviceName()
                    + " has no fp64 support, which the laminar kernels need; choose another with -D" + DEVICE_PROPERTY);
        }
        return new Found(device, null);
    }

    /** One line for run summaries, e.g. {@code TornadoVM OpenCL, pthread-skylake-avx512 (CPU), fp64}. */
    static String describe(TornadoDevice device) {
        return "TornadoVM " + device.getTornadoVMBackend() + ", " + device.getPhysicalDevice().getDeviceName()
                + " (" + device.getDeviceType() + "), fp64";
    }
}

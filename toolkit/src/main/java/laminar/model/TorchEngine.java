package laminar.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import laminar.LaminarException;
import laminar.model.io.NativeEnv;

/** DJL's PyTorch engine on the device and with the threads an extraction asks for. */
public final class TorchEngine {

    private TorchEngine() {
    }

    /** Starts the engine (once per process) and returns a base manager on the requested device. */
    public static NDManager open(ExtractionOptions options) {
        // libtorch's OpenMP threads spin between parallel regions by default; when the machine is shared a
        // spinning thread holds the core its partner needs (BENCHMARKS.md: extraction 3–4x slower under load).
        // Read by libgomp when libtorch loads, so set before the engine starts; the user's own setting wins.
        NativeEnv.setIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        Engine engine = Engine.getEngine("PyTorch");
        int threads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        Device device = switch (options.device() == null ? "cpu" : options.device()) {
            case "cpu" -> Device.cpu();
            case "cuda", "gpu" -> {
                if (engine.getGpuCount() == 0) {
                    throw new LaminarException("--device cuda: PyTorch sees no CUDA device (laminar is built with"
                            + " the CPU natives by default; build with the CUDA natives, see README) ; use --device cpu");
                }
                yield Device.gpu();
            }
            default -> throw new LaminarException("--device " + options.device() + ": unknown; use cpu or cuda");
        };
        return NDManager.newBaseManager(device, "PyTorch");
    }
}

package laminar.kernels.tornado;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;

/**
 * Execution plans per shape, so a repeated call reuses the compiled kernels and the device buffers instead of
 * compiling again. Plans hold device memory, so the cache is bounded by the bytes of its buffers: the least recently
 * used plans are freed first. Not thread-safe; {@link TornadoKernels} serialises calls.
 */
final class PlanCache implements AutoCloseable {

    /** A ready execution plan with the buffers its graph is bound to. */
    record Plan<B>(String name, TornadoExecutionPlan plan, B buffers, long bytes) {
    }

    /** OpenCL build options: warnings off, and none of the fast-math relaxations TornadoVM uses by default. */
    static final String STRICT_OPENCL_FLAGS = "-w";

    private final TornadoDevice device;
    private final long maxBytes;
    private final LinkedHashMap<String, Plan<?>> plans = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private int compiled;

    PlanCache(TornadoDevice device, long maxBytes) {
        this.device = device;
        this.maxBytes = maxBytes;
    }

    /**
     * The plan for a graph, built by {@code graph} on first use.
     *
     * @param bytes device bytes the graph's buffers take, for the cache bound
     */
    @SuppressWarnings("unchecked")
    <B> Plan<B> get(String name, long bytes, Supplier<RsaTaskGraphs.Bound<B>> graph) {
        Plan<?> hit = plans.get(name);
        if (hit != null) {
            return (Plan<B>) hit;
        }
        evictFor(bytes);
        RsaTaskGraphs.Bound<B> bound = graph.get();
        TornadoExecutionPlan plan = new TornadoExecutionPlan(bound.graph()).withDevice(device);
        if (device.getTornadoVMBackend() == TornadoVMBackendType.OPENCL) {
            // TornadoVM's default OpenCL flags add -cl-fast-relaxed-math (finite-math-only, relaxed division):
            // NaN from a zero row or a NaN input must survive, and double division must be IEEE.
            plan = plan.withCompilerFlags(TornadoVMBackendType.OPENCL, STRICT_OPENCL_FLAGS);
        }
        Plan<B> p = new Plan<>(bound.name(), plan, bound.buffers(), bytes);
        plans.put(name, p);
        this.bytes += bytes;
        compiled++;
        return p;
    }

    /** Number of plans built so far (a repeated shape must not add one). */
    int plansBuilt() {
        return compiled;
    }

    private void evictFor(long incoming) {
        Iterator<Map.Entry<String, Plan<?>>> it = plans.entrySet().iterator();
        while (bytes + incoming > maxBytes && it.hasNext()) {
            Plan<?> old = it.next().getValue();
            it.remove();
            bytes -= old.bytes();
            free(old);
        }
    }

    private static void free(Plan<?> p) {
        try {
            p.plan().close();
        } catch (TornadoExecutionPlanException e) {
            // The buffers are released with the plan's arena anyway; a failed device free only delays that.
        }
    }

    @Override
    public void close() {
        plans.values().forEach(PlanCache::free);
        plans.clear();
        bytes = 0;
    }
}

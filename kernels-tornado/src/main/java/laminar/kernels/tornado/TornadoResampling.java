package laminar.kernels.tornado;

import static laminar.kernels.Checks.length;
import static laminar.kernels.Checks.nonNegative;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import laminar.kernels.Checks;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The permutation and bootstrap sums of {@link laminar.kernels.KernelBackend} on the TornadoVM device: copies the
 * inputs into a cached plan's buffers ({@link PlanCache}), runs {@link ResamplingTaskGraphs}, and places the per-draw
 * sums. Batches of matrices larger than one device buffer are cut into equal chunks; pair batches keep the matrices
 * they need in device slots, as {@link TornadoKernels#rsa} does. Not thread-safe: {@link TornadoKernels} serialises.
 */
final class TornadoResampling {

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    private final PlanCache plans;
    private final long bufferBytes;

    TornadoResampling(PlanCache plans, long bufferBytes) {
        this.plans = plans;
        this.bufferBytes = bufferBytes;
    }

    double[] permutedWithinSums(float[] values, int m, int n, int[] labels, int p) {
        nonNegative("m", m, "n", n, "p", p);
        length("values", values, (long) m * n * n, "[m][n][n]");
        Checks.labels(labels, (long) p * n, "labels", "[p][n]");
        double[] out = new double[m * p * 2];
        if (out.length == 0 || n < 2) {
            return out; // no draws, or no pairs of words
        }
        int per = TornadoKernels.perCall("permutedWithinSums", (long) n * n * Float.BYTES, m, bufferBytes);
        long bytes = (long) per * n * n * Float.BYTES + (long) p * n * Integer.BYTES + (long) per * p * 2 * Double.BYTES;
        PlanCache.Plan<ResamplingTaskGraphs.WithinBuffers> plan = plans.get("permwithin/" + per + "/" + n + "/" + p,
                bytes, () -> ResamplingTaskGraphs.permutedWithin(per, n, p));
        MemorySegment.copy(labels, 0, plan.buffers().labels().getSegment(), INT, 0, labels.length);
        double[] sums = new double[per * p * 2];
        int stride = n * n;
        for (int s = 0; s < m; s += per) {
            int count = Math.min(per, m - s);
            TornadoKernels.toDevice(values, s * stride, plan.buffers().values(), 0, count * stride);
            plan.plan().execute();
            TornadoKernels.fromDevice(plan.buffers().sums(), sums);
            System.arraycopy(sums, 0, out, s * p * 2, count * p * 2);
        }
        return out;
    }

    double[] permutedCrossSums(float[] cos, int m, int n, int[] first, int[] second, int[] perms, int p) {
        nonNegative("m", m, "n", n, "p", p);
        length("cos", cos, (long) m * n * n, "[m][n][n]");
        Checks.pairs(m, first, second);
        Checks.permutations(perms, p, n);
        return crossSums(cos, m, n, first, second, p, "permcross",
                (slots, pairs) -> ResamplingTaskGraphs.permutedCross(slots, n, pairs, p),
                buf -> MemorySegment.copy(perms, 0, buf.perms().getSegment(), INT, 0, perms.length));
    }

    double[] bootstrapCrossSums(float[] cos, int m, int n, int[] first, int[] second, double[] weights, int r) {
        nonNegative("m", m, "n", n, "r", r);
        length("cos", cos, (long) m * n * n, "[m][n][n]");
        Checks.pairs(m, first, second);
        Checks.weights(weights, r, n);
        return crossSums(cos, m, n, first, second, r, "bootcross",
                (slots, pairs) -> ResamplingTaskGraphs.bootstrapCross(slots, n, pairs, r),
                buf -> MemorySegment.copy(weights, 0, buf.weights().getSegment(), DOUBLE, 0, weights.length));
    }

    double[] bootstrapSums(float[] cos, float[] z, int m, int n, int[] category, double[] weights, int r) {
        nonNegative("m", m, "n", n, "r", r);
        length("cos", cos, (long) m * n * n, "[m][n][n]");
        length("z", z, (long) m * n * n, "[m][n][n]");
        Checks.labels(category, n, "category", "[n]");
        Checks.weights(weights, r, n);
        int stats = ResamplingDeviceKernels.BOOT_STATS;
        double[] out = new double[m * r * stats];
        if (out.length == 0 || n < 2) {
            return out;
        }
        int per = TornadoKernels.perCall("bootstrapSums", (long) n * n * Float.BYTES, m, bufferBytes);
        long bytes = 2L * per * n * n * Float.BYTES + (long) n * Integer.BYTES + (long) r * n * Double.BYTES
                + (long) per * r * stats * Double.BYTES;
        PlanCache.Plan<ResamplingTaskGraphs.BootBuffers> plan = plans.get("bootsums/" + per + "/" + n + "/" + r,
                bytes, () -> ResamplingTaskGraphs.bootstrapSums(per, n, r));
        ResamplingTaskGraphs.BootBuffers buf = plan.buffers();
        MemorySegment.copy(category, 0, buf.category().getSegment(), INT, 0, n);
        MemorySegment.copy(weights, 0, buf.weights().getSegment(), DOUBLE, 0, weights.length);
        double[] sums = new double[per * r * stats];
        int stride = n * n;
        for (int s = 0; s < m; s += per) {
            int count = Math.min(per, m - s);
            TornadoKernels.toDevice(cos, s * stride, buf.cos(), 0, count * stride);
            TornadoKernels.toDevice(z, s * stride, buf.z(), 0, count * stride);
            plan.plan().execute();
            TornadoKernels.fromDevice(buf.sums(), sums);
            System.arraycopy(sums, 0, out, s * r * stats, count * r * stats);
        }
        return out;
    }

    /** Builds the graph of a cross-sum kernel for {@code slots} matrices and {@code pairs} pairs. */
    private interface CrossGraph {
        RsaTaskGraphs.Bound<ResamplingTaskGraphs.CrossBuffers> build(int slots, int pairs);
    }

    /** Writes the draws (permutations or weights) into the graph's buffers. */
    private interface DrawUpload {
        void into(ResamplingTaskGraphs.CrossBuffers buffers);
    }

    /**
     * Cross sums {@code [pairs][draws]} for either cross kernel: pairs go in batches whose matrices fit one device
     * buffer together (one batch when everything fits), each matrix copied once per batch into its slot.
     */
    private double[] crossSums(float[] cos, int m, int n, int[] first, int[] second, int draws, String kind,
                               CrossGraph graph, DrawUpload upload) {
        double[] out = new double[first.length * draws];
        if (out.length == 0 || n < 2) {
            return out;
        }
        int slotsCap = Math.max(2, TornadoKernels.perCall(kind, (long) n * n * Float.BYTES, m, bufferBytes));
        List<int[]> batches = TornadoKernels.batchPairs(first, second, slotsCap);
        int slots = 0;
        int pairsPer = 0;
        for (int[] batch : batches) {
            pairsPer = Math.max(pairsPer, batch.length);
            slots = Math.max(slots, TornadoKernels.distinct(first, second, batch).size());
        }
        int fs = slots;
        int fp = pairsPer;
        long bytes = (long) fs * n * n * Float.BYTES + (long) draws * n * Double.BYTES
                + (long) fp * draws * Double.BYTES;
        PlanCache.Plan<ResamplingTaskGraphs.CrossBuffers> plan = plans.get(kind + "/" + fs + "/" + n + "/" + fp
                + "/" + draws, bytes, () -> graph.build(fs, fp));
        ResamplingTaskGraphs.CrossBuffers buf = plan.buffers();
        upload.into(buf);
        int stride = n * n;
        double[] sums = new double[fp * draws];
        int[] localFirst = new int[fp];
        int[] localSecond = new int[fp];
        for (int[] batch : batches) {
            Map<Integer, Integer> slotOf = TornadoKernels.distinct(first, second, batch);
            for (Map.Entry<Integer, Integer> e : slotOf.entrySet()) {
                TornadoKernels.toDevice(cos, e.getKey() * stride, buf.cos(), e.getValue() * stride, stride);
            }
            Arrays.fill(localFirst, -1); // padding pairs: the kernel writes 0 for them
            Arrays.fill(localSecond, -1);
            for (int k = 0; k < batch.length; k++) {
                localFirst[k] = slotOf.get(first[batch[k]]);
                localSecond[k] = slotOf.get(second[batch[k]]);
            }
            MemorySegment.copy(localFirst, 0, buf.first().getSegment(), INT, 0, fp);
            MemorySegment.copy(localSecond, 0, buf.second().getSegment(), INT, 0, fp);
            plan.plan().execute();
            TornadoKernels.fromDevice(buf.sums(), sums);
            for (int k = 0; k < batch.length; k++) {
                System.arraycopy(sums, k * draws, out, batch[k] * draws, draws);
            }
        }
        return out;
    }
}

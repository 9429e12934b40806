package laminar.kernels.tornado;

import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The task graphs of the permutation and bootstrap kernels ({@link ResamplingDeviceKernels}), one per operation and
 * shape, named with the shape like those of {@link RsaTaskGraphs}. Inputs go to the device once per execution, the
 * per-draw sums come back once.
 */
final class ResamplingTaskGraphs {

    private ResamplingTaskGraphs() {
    }

    /** Matrices and relabellings in, {@code [m][p][2]} within sums out. */
    record WithinBuffers(FloatArray values, IntArray labels, DoubleArray sums) {
    }

    /**
     * Matrix slots, pair indices and draws (permutations, or resample weights as doubles in {@code weights}) in,
     * {@code [pairs][p]} cross sums out. Only the buffer the graph's kernel reads is allocated with its size.
     */
    record CrossBuffers(FloatArray cos, IntArray first, IntArray second, IntArray perms, DoubleArray weights,
                       DoubleArray sums) {
    }

    /** Cosines, Fisher-z values, categories and resample weights in, {@code [m][r][8]} sums out. */
    record BootBuffers(FloatArray cos, FloatArray z, IntArray category, DoubleArray weights, DoubleArray sums) {
    }

    /** Within-category sums of {@code m} matrices under {@code p} relabellings. */
    static RsaTaskGraphs.Bound<WithinBuffers> permutedWithin(int m, int n, int p) {
        String name = "permwithin_m" + m + "_n" + n + "_p" + p;
        WithinBuffers buf = new WithinBuffers(new FloatArray(m * n * n), new IntArray(p * n),
                new DoubleArray(m * p * 2));
        TaskGraph g = new TaskGraph(name)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, buf.values(), buf.labels())
                .task("within", ResamplingDeviceKernels::permutedWithin, buf.values(), buf.labels(), buf.sums(), m, n,
                        p)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, buf.sums());
        return new RsaTaskGraphs.Bound<>(name, g.snapshot(), buf);
    }

    /** Mantel cross sums of {@code pairs} pairs among {@code slots} matrices under {@code p} permutations. */
    static RsaTaskGraphs.Bound<CrossBuffers> permutedCross(int slots, int n, int pairs, int p) {
        String name = "permcross_m" + slots + "_n" + n + "_k" + pairs + "_p" + p;
        CrossBuffers buf = new CrossBuffers(new FloatArray(slots * n * n), new IntArray(pairs), new IntArray(pairs),
                new IntArray(p * n), new DoubleArray(1), new DoubleArray(pairs * p));
        TaskGraph g = new TaskGraph(name)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, buf.cos(), buf.first(), buf.second(), buf.perms())
                .task("cross", ResamplingDeviceKernels::permutedCross, buf.cos(), buf.first(), buf.second(),
                        buf.perms(), buf.sums(), pairs, n, p)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, buf.sums());
        return new RsaTaskGraphs.Bound<>(name, g.snapshot(), buf);
    }

    /** Bootstrap sums of {@code m} matrices (and their Fisher-z values) under {@code r} resamples. */
    static RsaTaskGraphs.Bound<BootBuffers> bootstrapSums(int m, int n, int r) {
        String name = "bootsums_m" + m + "_n" + n + "_r" + r;
        BootBuffers buf = new BootBuffers(new FloatArray(m * n * n), new FloatArray(m * n * n), new IntArray(n),
                new DoubleArray(r * n), new DoubleArray(m * r * ResamplingDeviceKernels.BOOT_STATS));
        TaskGraph g = new TaskGraph(name)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, buf.cos(), buf.z(), buf.category(), buf.weights())
                .task("sums", ResamplingDeviceKernels::bootstrapSums, buf.cos(), buf.z(), buf.category(),
                        buf.weights(), buf.sums(), m, n, r)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, buf.sums());
        return new RsaTaskGraphs.Bound<>(name, g.snapshot(), buf);
    }

    /** Bootstrap cross products of {@code pairs} pairs among {@code slots} matrices under {@code r} resamples. */
    static RsaTaskGraphs.Bound<CrossBuffers> bootstrapCross(int slots, int n, int pairs, int r) {
        String name = "bootcross_m" + slots + "_n" + n + "_k" + pairs + "_r" + r;
        CrossBuffers buf = new CrossBuffers(new FloatArray(slots * n * n), new IntArray(pairs), new IntArray(pairs),
                new IntArray(1), new DoubleArray(r * n), new DoubleArray(pairs * r));
        TaskGraph g = new TaskGraph(name)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, buf.cos(), buf.first(), buf.second(),
                        buf.weights())
                .task("cross", ResamplingDeviceKernels::bootstrapCross, buf.cos(), buf.first(), buf.second(),
                        buf.weights(), buf.sums(), pairs, n, r)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, buf.sums());
        return new RsaTaskGraphs.Bound<>(name, g.snapshot(), buf);
    }
}

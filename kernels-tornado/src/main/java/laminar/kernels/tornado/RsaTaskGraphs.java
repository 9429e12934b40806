package laminar.kernels.tornado;

import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The task graphs, one per operation and shape, each with the off-heap buffers it is bound to. Every graph moves its
 * inputs to the device once per execution and its outputs back once; intermediates (the row norms) never leave the
 * device. Graph and task names carry the shape, so TornadoVM's code cache can never hand one shape's kernel to
 * another.
 */
final class RsaTaskGraphs {

    private RsaTaskGraphs() {
    }

    /** A snapshot of a task graph and the buffers its tasks read and write. */
    record Bound<B>(String name, ImmutableTaskGraph graph, B buffers) {
    }

    /** Buffers of the cosine graph: {@code rows [m][n][d]} in, {@code cos [m][n][n]} out; the rest stays on the device. */
    record CosineBuffers(FloatArray rows, DoubleArray norms, FloatArray cos) {
    }

    /** Buffers of the Pearson graph: {@code a, b [items][len]} in, chunk moments out. */
    record PearsonBuffers(FloatArray a, FloatArray b, DoubleArray moments) {
    }

    /** Buffers of the RSA graph: matrices and pair indices in, row moments out. */
    record RsaBuffers(FloatArray cos, IntArray first, IntArray second, DoubleArray moments) {
    }

    /** Buffers of the selectivity graph: matrices and category codes in, row moments out. */
    record GroupBuffers(FloatArray cos, IntArray category, DoubleArray moments) {
    }

    /** Buffers of the Fisher-z graph. */
    record FisherBuffers(FloatArray values, FloatArray z) {
    }

    /**
     * Norms, then all cosine matrices of a batch of {@code m} matrices in one graph. Rows are stored {@code dp}
     * floats apart ({@link #padded}), the padding zero.
     */
    static Bound<CosineBuffers> cosine(int m, int n, int d) {
        String name = "cosine_m" + m + "_n" + n + "_d" + d;
        int rowCount = m * n;
        int dp = padded(d);
        CosineBuffers buf = new CosineBuffers(new FloatArray(rowCount * dp), new DoubleArray(rowCount),
                new FloatArray(m * n * n));
        TaskGraph g = new TaskGraph(name)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, buf.rows())
                .task("norms", RsaKernels::rowNorms, buf.rows(), buf.norms(), rowCount, dp)
                .task("dots", RsaKernels::cosine, buf.rows(), buf.norms(), buf.cos(), rowCount, n, dp)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, buf.cos());
        return new Bound<>(name, g.snapshot(), buf);
    }

    /** {@code d} rounded up to a multiple of {@link RsaKernels#LANES}. */
    static int padded(int d) {
        return (d + RsaKernels.LANES - 1) / RsaKernels.LANES * RsaKernels.LANES;
    }

    /** Chunk moments of {@code items} vector pairs of length {@code len}. */
    static Bound<PearsonBuffers> pearson(int items, int len, int chunks, int chunk) {
        String name = "pearson_m" + items + "_len" + len + "_c" + chunks;
        PearsonBuffers buf = new PearsonBuffers(new FloatArray(items * len), new FloatArray(items * len),
                new DoubleArray(items * chunks * RsaKernels.PAIR_STATS));
        TaskGraph g = new TaskGraph(name)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, buf.a(), buf.b())
                .task("moments", RsaKernels::pearsonChunkMoments, buf.a(), buf.b(), buf.moments(), items, len,
                        chunks, chunk)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, buf.moments());
        return new Bound<>(name, g.snapshot(), buf);
    }

    /** Row moments of the upper triangles of {@code pairs} pairs among {@code slots} matrices of size n×n. */
    static Bound<RsaBuffers> rsa(int slots, int n, int pairs) {
        String name = "rsa_m" + slots + "_n" + n + "_p" + pairs;
        RsaBuffers buf = new RsaBuffers(new FloatArray(slots * n * n), new IntArray(pairs), new IntArray(pairs),
                new DoubleArray(pairs * (n - 1) * RsaKernels.PAIR_STATS));
        TaskGraph g = new TaskGraph(name)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, buf.cos(), buf.first(), buf.second())
                .task("rows", RsaKernels::rsaRowMoments, buf.cos(), buf.first(), buf.second(), buf.moments(), pairs, n)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, buf.moments());
        return new Bound<>(name, g.snapshot(), buf);
    }

    /** Within/across row moments of {@code m} matrices of size n×n. */
    static Bound<GroupBuffers> groups(int m, int n, boolean fisherZ) {
        String name = "groups_m" + m + "_n" + n + (fisherZ ? "_z" : "_r");
        GroupBuffers buf = new GroupBuffers(new FloatArray(m * n * n), new IntArray(n),
                new DoubleArray(m * (n - 1) * RsaKernels.GROUP_STATS));
        TaskGraph g = new TaskGraph(name)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, buf.cos(), buf.category())
                .task("rows", RsaKernels::groupRowMoments, buf.cos(), buf.category(), buf.moments(), m, n,
                        fisherZ ? 1 : 0)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, buf.moments());
        return new Bound<>(name, g.snapshot(), buf);
    }

    /** Element-wise Fisher-z of {@code len} values. */
    static Bound<FisherBuffers> fisherZ(int len) {
        String name = "fisherz_len" + len;
        FisherBuffers buf = new FisherBuffers(new FloatArray(len), new FloatArray(len));
        TaskGraph g = new TaskGraph(name)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, buf.values())
                .task("z", RsaKernels::fisherZ, buf.values(), buf.z(), len)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, buf.z());
        return new Bound<>(name, g.snapshot(), buf);
    }
}

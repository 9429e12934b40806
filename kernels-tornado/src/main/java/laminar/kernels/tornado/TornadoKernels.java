package laminar.kernels.tornado;

import static laminar.kernels.Checks.length;
import static laminar.kernels.Checks.nonNegative;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import laminar.kernels.GroupMoments;
import laminar.kernels.KernelBackend;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/**
 * The TornadoVM backend: the kernels of {@link RsaKernels} run on a TornadoVM device (a GPU, or PoCL on the CPU),
 * reductions finish on the host ({@link Moments}).
 *
 * <p>Each call runs one execution plan per shape, cached ({@link PlanCache}): the whole batch goes to the device in
 * one transfer and comes back in one, as long as its buffers fit {@link #BUFFER_BYTES_PROPERTY} (default 512 MiB,
 * at most the device's largest allocation). Larger batches (e.g. 144 matrices of 2,000 words) are cut into equal
 * chunks that reuse the same plan. Calls are serialised: a TornadoVM plan is not thread-safe.
 *
 * <pre>{@code
 * KernelBackend k = Backends.get("tornado");      // JVM started with @$TORNADOVM_HOME/tornado-argfile
 * float[] cos = k.cosineMatrices(rows, 144, 34, 1600);
 * }</pre>
 */
public final class TornadoKernels implements KernelBackend, AutoCloseable {

    /** Backend name on the command line. */
    public static final String NAME = "tornado";

    /** System property: the most bytes one device buffer may take (default 512 MiB). */
    public static final String BUFFER_BYTES_PROPERTY = "laminar.tornado.buffer.bytes";

    /** System property: the most device bytes cached plans may hold together (default 4 × the buffer size). */
    public static final String CACHE_BYTES_PROPERTY = "laminar.tornado.cache.bytes";

    private static final long DEFAULT_BUFFER_BYTES = 512L << 20;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    /** Vector elements per work-item in {@link #pearson}; enough work-items for a GPU, few merges on the host. */
    private static final int PEARSON_CHUNK = 2048;

    private final TornadoDevice device;
    private final long bufferBytes;
    private final PlanCache plans;
    private final TornadoResampling resampling;

    /** The backend on TornadoVM's default device (or the one named by {@code -Dlaminar.tornado.device}). */
    public TornadoKernels() {
        this(Long.getLong(BUFFER_BYTES_PROPERTY, DEFAULT_BUFFER_BYTES));
    }

    /** With at most {@code bufferBytes} per device buffer (tests use a small one to exercise chunking). */
    TornadoKernels(long bufferBytes) {
        TornadoProbe.Found found = TornadoProbe.find();
        if (!found.ok()) {
            throw new IllegalStateException("the tornado kernel backend cannot run here: " + found.reason());
        }
        this.device = found.device();
        long maxAlloc = device.getMaxAllocMemory() > 0 ? device.getMaxAllocMemory() : DEFAULT_BUFFER_BYTES;
        // Headroom for TornadoVM's array header inside the same allocation.
        this.bufferBytes = Math.min(bufferBytes, maxAlloc - 4096);
        this.plans = new PlanCache(device, Long.getLong(CACHE_BYTES_PROPERTY, 4 * this.bufferBytes));
        this.resampling = new TornadoResampling(plans, this.bufferBytes);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String device() {
        return TornadoProbe.describe(device);
    }

    /** Execution plans built so far; a repeated shape reuses its plan and does not add one. */
    public synchronized int plansBuilt() {
        return plans.plansBuilt();
    }

    @Override
    public synchronized void close() {
        plans.close();
    }

    // ---------------------------------------------------------------------------------------------- cosine

    @Override
    public synchronized float[] cosineMatrices(float[] rows, int m, int n, int d) {
        nonNegative("m", m, "n", n, "d", d);
        length("rows", rows, (long) m * n * d, "[m][n][d]");
        long outLength = (long) m * n * n;
        if (outLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("m·n·n = " + outLength + " cosine values do not fit one Java array; "
                    + "pass fewer matrices per call");
        }
        float[] out = new float[(int) outLength];
        if (out.length == 0) {
            return out;
        }
        if (d == 0) {
            Arrays.fill(out, Float.NaN); // zero norms: 0/0, as the reference backend
            return out;
        }
        int dp = RsaTaskGraphs.padded(d);
        int per = perCall("cosine", Math.max((long) n * dp, (long) n * n) * Float.BYTES, m);
        long bytes = (long) per * n * dp * Float.BYTES + (long) per * n * Double.BYTES + (long) per * n * n * Float.BYTES;
        PlanCache.Plan<RsaTaskGraphs.CosineBuffers> p = plans.get("cosine/" + per + "/" + n + "/" + d, bytes,
                () -> RsaTaskGraphs.cosine(per, n, d));
        int outStride = n * n;
        for (int s = 0; s < m; s += per) {
            int count = Math.min(per, m - s);
            MemorySegment dst = p.buffers().rows().getSegment();
            if (dp == d) {
                MemorySegment.copy(rows, s * n * d, dst, FLOAT, 0, count * n * d);
            } else {
                // Row by row into the zero-padded layout (the padding was zeroed at allocation and is never written).
                for (int r = 0; r < count * n; r++) {
                    MemorySegment.copy(rows, (s * n + r) * d, dst, FLOAT, (long) r * dp * Float.BYTES, d);
                }
            }
            p.plan().execute();
            fromDevice(p.buffers().cos(), out, s * outStride, count * outStride);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------- pearson

    @Override
    public synchronized double[] pearson(float[] a, float[] b, int m, int len) {
        nonNegative("m", m, "len", len, "len", len);
        length("a", a, (long) m * len, "[m][len]");
        length("b", b, (long) m * len, "[m][len]");
        double[] r = new double[m];
        if (m == 0) {
            return r;
        }
        if (len == 0) {
            Arrays.fill(r, Double.NaN);
            return r;
        }
        int chunks = (len + PEARSON_CHUNK - 1) / PEARSON_CHUNK;
        int chunk = (len + chunks - 1) / chunks;
        int per = perCall("pearson", (long) len * Float.BYTES, m);
        long bytes = 2L * per * len * Float.BYTES + (long) per * chunks * RsaKernels.PAIR_STATS * Double.BYTES;
        PlanCache.Plan<RsaTaskGraphs.PearsonBuffers> p = plans.get("pearson/" + per + "/" + len + "/" + chunks,
                bytes, () -> RsaTaskGraphs.pearson(per, len, chunks, chunk));
        double[] stats = new double[per * chunks * RsaKernels.PAIR_STATS];
        for (int s = 0; s < m; s += per) {
            int count = Math.min(per, m - s);
            toDevice(a, s * len, p.buffers().a(), count * len);
            toDevice(b, s * len, p.buffers().b(), count * len);
            p.plan().execute();
            fromDevice(p.buffers().moments(), stats);
            for (int q = 0; q < count; q++) {
                Moments.Pair acc = new Moments.Pair();
                for (int c = 0; c < chunks; c++) {
                    int o = (q * chunks + c) * RsaKernels.PAIR_STATS;
                    long nc = Math.max(0, Math.min(len, (c + 1) * chunk) - c * chunk);
                    acc.merge(nc, stats[o], stats[o + 1], stats[o + 2], stats[o + 3], stats[o + 4]);
                }
                r[s + q] = acc.correlation();
            }
        }
        return r;
    }

    // ---------------------------------------------------------------------------------------------- rsa

    @Override
    public synchronized double[] rsa(float[] cos, int m, int n, int[] first, int[] second) {
        nonNegative("m", m, "n", n, "n", n);
        length("cos", cos, (long) m * n * n, "[m][n][n]");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        if (first.length != second.length) {
            throw new IllegalArgumentException("first has " + first.length + " indices but second has "
                    + second.length + "; pass one index pair per RSA score");
        }
        for (int q = 0; q < first.length; q++) {
            if (first[q] < 0 || first[q] >= m || second[q] < 0 || second[q] >= m) {
                throw new IllegalArgumentException("RSA pair " + q + " = (" + first[q] + ", " + second[q]
                        + ") names a matrix outside 0.." + (m - 1));
            }
        }
        double[] r = new double[first.length];
        if (r.length == 0) {
            return r;
        }
        if (n < 2) {
            Arrays.fill(r, Double.NaN); // no pairs of words: no correlation
            return r;
        }
        // Batches of pairs whose matrices fit one device buffer together; one batch when everything fits.
        int slotsCap = Math.max(2, perCall("rsa", (long) n * n * Float.BYTES, m));
        List<int[]> batches = batchPairs(first, second, slotsCap);
        int slots = 0;
        int pairsPer = 0;
        for (int[] batch : batches) {
            pairsPer = Math.max(pairsPer, batch.length);
            slots = Math.max(slots, distinct(first, second, batch).size());
        }
        int fs = slots;
        int fp = pairsPer;
        long bytes = (long) fs * n * n * Float.BYTES + (long) fp * (n - 1) * RsaKernels.PAIR_STATS * Double.BYTES;
        PlanCache.Plan<RsaTaskGraphs.RsaBuffers> p = plans.get("rsa/" + fs + "/" + n + "/" + fp, bytes,
                () -> RsaTaskGraphs.rsa(fs, n, fp));
        RsaTaskGraphs.RsaBuffers buf = p.buffers();
        int stride = n * n;
        double[] stats = new double[fp * (n - 1) * RsaKernels.PAIR_STATS];
        int[] localFirst = new int[fp];
        int[] localSecond = new int[fp];
        for (int[] batch : batches) {
            Map<Integer, Integer> slotOf = distinct(first, second, batch);
            for (Map.Entry<Integer, Integer> e : slotOf.entrySet()) {
                toDevice(cos, e.getKey() * stride, buf.cos(), e.getValue() * stride, stride);
            }
            Arrays.fill(localFirst, -1); // padding pairs: skipped by the kernel
            Arrays.fill(localSecond, -1);
            for (int k = 0; k < batch.length; k++) {
                localFirst[k] = slotOf.get(first[batch[k]]);
                localSecond[k] = slotOf.get(second[batch[k]]);
            }
            MemorySegment.copy(localFirst, 0, buf.first().getSegment(), INT, 0, fp);
            MemorySegment.copy(localSecond, 0, buf.second().getSegment(), INT, 0, fp);
            p.plan().execute();
            fromDevice(buf.moments(), stats);
            for (int k = 0; k < batch.length; k++) {
                Moments.Pair acc = new Moments.Pair();
                for (int i = 0; i < n - 1; i++) {
                    int o = (k * (n - 1) + i) * RsaKernels.PAIR_STATS;
                    acc.merge(n - 1 - i, stats[o], stats[o + 1], stats[o + 2], stats[o + 3], stats[o + 4]);
                }
                r[batch[k]] = acc.correlation();
            }
        }
        return r;
    }

    /** Consecutive runs of pair indices whose distinct matrices number at most {@code slotsCap}. */
    static List<int[]> batchPairs(int[] first, int[] second, int slotsCap) {
        List<int[]> batches = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (int q = 0; q < first.length; q++) {
            int added = (used.contains(first[q]) ? 0 : 1)
                    + (used.contains(second[q]) || first[q] == second[q] ? 0 : 1);
            if (used.size() + added > slotsCap && !current.isEmpty()) {
                batches.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
                used.clear();
            }
            current.add(q);
            used.add(first[q]);
            used.add(second[q]);
        }
        batches.add(current.stream().mapToInt(Integer::intValue).toArray());
        return batches;
    }

    /** Matrix index → device slot, in first-use order, for the pairs of one batch. */
    static Map<Integer, Integer> distinct(int[] first, int[] second, int[] batch) {
        Map<Integer, Integer> slotOf = new LinkedHashMap<>();
        for (int q : batch) {
            slotOf.putIfAbsent(first[q], slotOf.size());
            slotOf.putIfAbsent(second[q], slotOf.size());
        }
        return slotOf;
    }

    // ---------------------------------------------------------------------------------------------- fisher-z

    @Override
    public synchronized float[] fisherZ(float[] values) {
        Objects.requireNonNull(values, "values");
        float[] z = new float[values.length];
        if (z.length == 0) {
            return z;
        }
        int maxPer = (int) Math.min(values.length, bufferBytes / Float.BYTES);
        int calls = (values.length + maxPer - 1) / maxPer;
        int per = (values.length + calls - 1) / calls;
        PlanCache.Plan<RsaTaskGraphs.FisherBuffers> p = plans.get("fisherz/" + per, 2L * per * Float.BYTES,
                () -> RsaTaskGraphs.fisherZ(per));
        for (int s = 0; s < values.length; s += per) {
            int count = Math.min(per, values.length - s);
            toDevice(values, s, p.buffers().values(), count);
            p.plan().execute();
            fromDevice(p.buffers().z(), z, s, count);
        }
        return z;
    }

    // ---------------------------------------------------------------------------------------------- selectivity

    @Override
    public synchronized GroupMoments[] groupMoments(float[] cos, int m, int n, int[] category, boolean fisherZ) {
        nonNegative("m", m, "n", n, "n", n);
        length("cos", cos, (long) m * n * n, "[m][n][n]");
        Objects.requireNonNull(category, "category");
        if (category.length != n) {
            throw new IllegalArgumentException("category has " + category.length + " codes but the matrices have "
                    + n + " words; pass one category code per word");
        }
        GroupMoments[] out = new GroupMoments[m];
        if (m == 0) {
            return out;
        }
        if (n < 2) {
            Arrays.fill(out, new GroupMoments(0, Double.NaN, 0, 0, Double.NaN, 0));
            return out;
        }
        int per = perCall("groupMoments", (long) n * n * Float.BYTES, m);
        long bytes = (long) per * n * n * Float.BYTES + (long) per * (n - 1) * RsaKernels.GROUP_STATS * Double.BYTES;
        PlanCache.Plan<RsaTaskGraphs.GroupBuffers> p = plans.get("groups/" + per + "/" + n + "/" + fisherZ, bytes,
                () -> RsaTaskGraphs.groups(per, n, fisherZ));
        MemorySegment.copy(category, 0, p.buffers().category().getSegment(), INT, 0, n);
        double[] stats = new double[per * (n - 1) * RsaKernels.GROUP_STATS];
        int stride = n * n;
        for (int s = 0; s < m; s += per) {
            int count = Math.min(per, m - s);
            toDevice(cos, s * stride, p.buffers().cos(), count * stride);
            p.plan().execute();
            fromDevice(p.buffers().moments(), stats);
            for (int b = 0; b < count; b++) {
                Moments.Single within = new Moments.Single();
                Moments.Single across = new Moments.Single();
                for (int i = 0; i < n - 1; i++) {
                    int o = (b * (n - 1) + i) * RsaKernels.GROUP_STATS;
                    within.merge((long) stats[o], stats[o + 1], stats[o + 2]);
                    across.merge((long) stats[o + 3], stats[o + 4], stats[o + 5]);
                }
                out[s + b] = new GroupMoments(within.count(), within.mean(), within.m2(),
                        across.count(), across.mean(), across.m2());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------- inference

    @Override
    public synchronized double[] permutedWithinSums(float[] values, int m, int n, int[] labels, int p) {
        return resampling.permutedWithinSums(values, m, n, labels, p);
    }

    @Override
    public synchronized double[] permutedCrossSums(float[] cos, int m, int n, int[] first, int[] second, int[] perms,
                                                   int p) {
        return resampling.permutedCrossSums(cos, m, n, first, second, perms, p);
    }

    @Override
    public synchronized double[] bootstrapSums(float[] cos, float[] z, int m, int n, int[] category, double[] weights,
                                               int r) {
        return resampling.bootstrapSums(cos, z, m, n, category, weights, r);
    }

    @Override
    public synchronized double[] bootstrapCrossSums(float[] cos, int m, int n, int[] first, int[] second,
                                                    double[] weights, int r) {
        return resampling.bootstrapCrossSums(cos, m, n, first, second, weights, r);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /**
     * How many items (matrices, vector pairs) one execution takes: all {@code m} when their buffer fits
     * {@link #bufferBytes}, else equal chunks (so the last chunk reuses the same plan and little work is wasted).
     */
    private int perCall(String kernel, long bytesPerItem, int m) {
        return perCall(kernel, bytesPerItem, m, bufferBytes);
    }

    /** {@link #perCall(String, long, int)} for a given buffer size (shared with {@link TornadoResampling}). */
    static int perCall(String kernel, long bytesPerItem, int m, long bufferBytes) {
        if (bytesPerItem > bufferBytes) {
            throw new IllegalArgumentException(kernel + ": one item needs " + bytesPerItem + " bytes on the device, "
                    + "more than the " + bufferBytes + " allowed per buffer; raise -D" + BUFFER_BYTES_PROPERTY
                    + " (up to the device's largest allocation) or use --backend java");
        }
        int cap = (int) Math.min(m, bufferBytes / bytesPerItem);
        int calls = (m + cap - 1) / cap;
        return (m + calls - 1) / calls;
    }

    private static void toDevice(float[] src, int from, FloatArray dst, int count) {
        toDevice(src, from, dst, 0, count);
    }

    static void toDevice(float[] src, int from, FloatArray dst, int dstIndex, int count) {
        MemorySegment.copy(src, from, dst.getSegment(), FLOAT, (long) dstIndex * Float.BYTES, count);
    }

    private static void fromDevice(FloatArray src, float[] dst, int to, int count) {
        MemorySegment.copy(src.getSegment(), FLOAT, 0, dst, to, count);
    }

    static void fromDevice(DoubleArray src, double[] dst) {
        MemorySegment.copy(src.getSegment(), DOUBLE, 0, dst, 0, dst.length);
    }
}

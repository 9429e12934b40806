package laminar.kernels;

import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The reference backend: plain Java on the CPU, float32 in, double accumulation, deterministic.
 *
 * <p><b>Cosine.</b> Dot products are float32 fused multiply-adds summed in float over panels of 128 columns (eight
 * interleaved partial sums of 16 products each) and the panel sums added in double, in the canonical order of
 * {@link DotTiles}; norms are summed in double; {@code out = (float) clamp(dot / (|x_i|·|x_j|), -1, 1)}. Every cosine
 * is within 16·2^-24 + 2^-25 &lt; 1e-6 of the exact cosine of the float32 inputs (proof in {@link DotTiles}). The
 * matrix is symmetric by construction (computed for i ≤ j and mirrored). With the JVM option
 * {@code --add-modules jdk.incubator.vector} the dot products use SIMD; without it scalar loops give identical
 * bits, only slower.
 *
 * <p><b>Pearson / RSA.</b> Two passes in double (means, then centred sums), combined as {@code np.corrcoef} does,
 * {@code r = (sxy/f) / sqrt(sxx/f) / sqrt(syy/f)} with {@code f = len − 1}, clipped to [−1, 1]. Fewer than two
 * values or a constant input give NaN, as numpy does.
 *
 * <p><b>Determinism.</b> Work is split over matrices, rows or pairs with parallel streams, but every output value
 * is reduced by one thread in a fixed order: the same input gives the same bits for any thread count.
 */
public final class JavaKernels implements KernelBackend {

    /** Backend name on the command line. */
    public static final String NAME = "java";

    /** System property; {@code false} forces the scalar engine (for comparisons and troubleshooting). */
    public static final String SIMD_PROPERTY = "laminar.kernels.simd";

    /**
     * The permutation and bootstrap sums' accuracy: each within this much of the exact sum, relative to the sum of its
     * terms' absolute values (float32 panels of at most 16 terms added in double; proof in {@code RowDots}).
     */
    public static final double RESAMPLING_RELATIVE_BOUND = RowDots.BOUND;

    private final CosineKernel cosine;
    /** Fewest words whose resampling batches get the lane layout ({@link #tripleResampling}). */
    private final int lanesFrom;

    /** The fastest engine this JVM allows (Vector API when its module is present). */
    public JavaKernels() {
        this(bestEngine());
    }

    JavaKernels(DotTiles dots) {
        this(new CosineKernel(dots), ResamplingKernels.SCALAR_BELOW);
    }

    private JavaKernels(CosineKernel cosine, int lanesFrom) {
        this.cosine = cosine;
        this.lanesFrom = lanesFrom;
    }

    /**
     * This backend with the lane layout of {@link #tripleResampling} from {@code words} words on (by default from
     * {@link ResamplingKernels#SCALAR_BELOW} = 256: below, the single calls' plain-Java engine costs less than warming
     * up the layout's SIMD code). The specs use 2, to check the layout against the numpy reference at its size.
     */
    public JavaKernels lanesFrom(int words) {
        return new JavaKernels(cosine, Math.max(2, words));
    }

    static DotTiles bestEngine() {
        boolean allowed = !"false".equalsIgnoreCase(System.getProperty(SIMD_PROPERTY, "true"));
        if (allowed && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            // Only touched when the module is there: VectorDotTiles links against jdk.incubator.vector.
            DotTiles v = VectorDotTiles.forThisCpu();
            if (v != null) {
                return v;
            }
        }
        return new ScalarDotTiles();
    }

    /** One pass over the cosines and their Fisher-z values (the default would make two). */
    @Override
    public double[] permutedWithinSums(float[] cos, float[] z, int m, int n, int[] labels, int p) {
        return ResamplingKernels.host().permutedWithinSums(cos, z, m, n, labels, p);
    }

    /**
     * The triples in SIMD lanes ({@link LaneTriples}: one index brings four triples' values) where the Vector API is
     * present, the batch has at least {@link ResamplingKernels#SCALAR_BELOW} ({@link #lanesFrom}) and at most
     * {@link LaneTriples#MAX_WORDS} words, and the layout (96 bytes per word pair and four triples) takes at most a
     * quarter of the heap; otherwise the single calls.
     */
    @Override
    public TripleResampling tripleResampling(float[] cos, float[] z, int triples, int n) {
        if (ResamplingKernels.host().simd() && n >= lanesFrom && n <= LaneTriples.MAX_WORDS
                && LaneTriples.bytes(triples, n) <= Runtime.getRuntime().maxMemory() / 4) {
            return LaneTriples.of(cos, z, triples, n);
        }
        return KernelBackend.super.tripleResampling(cos, z, triples, n);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String device() {
        return "CPU, " + Runtime.getRuntime().availableProcessors() + " cores, " + cosine.dots().describe();
    }

    @Override
    public float[] cosineMatrices(float[] rows, int m, int n, int d) {
        return cosine.cosineMatrices(rows, m, n, d);
    }

    @Override
    public double[] pearson(float[] a, float[] b, int m, int len) {
        Checks.nonNegative("m", m);
        Checks.nonNegative("len", len);
        Checks.length("a", a, (long) m * len, "[m][len]");
        Checks.length("b", b, (long) m * len, "[m][len]");
        double[] r = new double[m];
        IntStream.range(0, m).parallel().forEach(p -> r[p] = pearsonAt(a, b, p * len, len));
        return r;
    }

    private static double pearsonAt(float[] a, float[] b, int off, int len) {
        double sa = 0;
        double sb = 0;
        for (int k = off; k < off + len; k++) {
            sa += a[k];
            sb += b[k];
        }
        double ma = sa / len;
        double mb = sb / len;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int k = off; k < off + len; k++) {
            double da = a[k] - ma;
            double db = b[k] - mb;
            sxx += da * da;
            syy += db * db;
            sxy += da * db;
        }
        return correlation(sxy, sxx, syy, len);
    }

    /** np.corrcoef's combination of the centred sums; NaN for len &lt; 2 or zero variance. */
    static double correlation(double sxy, double sxx, double syy, long len) {
        double f = len - 1.0;
        double r = (sxy / f) / Math.sqrt(sxx / f) / Math.sqrt(syy / f);
        return Double.isNaN(r) ? r : Math.max(-1.0, Math.min(1.0, r));
    }

    @Override
    public double[] rsa(float[] cos, int m, int n, int[] first, int[] second) {
        Checks.nonNegative("m", m);
        Checks.nonNegative("n", n);
        Checks.length("cos", cos, (long) m * n * n, "[m][n][n]");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        if (first.length != second.length) {
            throw new IllegalArgumentException("first has " + first.length + " indices but second has "
                    + second.length + "; pass one index pair per RSA score");
        }
        for (int p = 0; p < first.length; p++) {
            if (first[p] < 0 || first[p] >= m || second[p] < 0 || second[p] >= m) {
                throw new IllegalArgumentException("RSA pair " + p + " = (" + first[p] + ", " + second[p]
                        + ") names a matrix outside 0.." + (m - 1));
            }
        }
        long count = (long) n * (n - 1) / 2;
        double[] means = new double[m];
        boolean[] used = new boolean[m];
        for (int p = 0; p < first.length; p++) {
            used[first[p]] = true;
            used[second[p]] = true;
        }
        IntStream.range(0, m).parallel().filter(b -> used[b]).forEach(b -> {
            int base = b * n * n;
            double s = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    s += cos[base + i * n + j];
                }
            }
            means[b] = s / count;
        });
        double[] r = new double[first.length];
        IntStream.range(0, first.length).parallel().forEach(p -> {
            int ba = first[p] * n * n;
            int bb = second[p] * n * n;
            double ma = means[first[p]];
            double mb = means[second[p]];
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double da = cos[ba + i * n + j] - ma;
                    double db = cos[bb + i * n + j] - mb;
                    sxx += da * da;
                    syy += db * db;
                    sxy += da * db;
                }
            }
            r[p] = correlation(sxy, sxx, syy, count);
        });
        return r;
    }

    /** Values per parallel task of {@link #fisherZ}. */
    private static final int FISHER_Z_CHUNK = 1 << 16;

    @Override
    public float[] fisherZ(float[] values) {
        Objects.requireNonNull(values, "values");
        float[] z = new float[values.length];
        // Element by element, so the split cannot change a bit; in chunks over the cores (a batch of 2,000-word
        // matrices is 60 M values at ~20 ns each: 1.2 s on one core, once per batch of the inference).
        int chunks = (values.length + FISHER_Z_CHUNK - 1) / FISHER_Z_CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            for (int k = c * FISHER_Z_CHUNK, end = Math.min(values.length, k + FISHER_Z_CHUNK); k < end; k++) {
                z[k] = FisherZ.ofFloat(values[k]);
            }
        });
        return z;
    }

    @Override
    public GroupMoments[] groupMoments(float[] cos, int m, int n, int[] category, boolean fisherZ) {
        Checks.nonNegative("m", m);
        Checks.nonNegative("n", n);
        Checks.length("cos", cos, (long) m * n * n, "[m][n][n]");
        Objects.requireNonNull(category, "category");
        if (category.length != n) {
            throw new IllegalArgumentException("category has " + category.length + " codes but the matrices have "
                    + n + " words; pass one category code per word");
        }
        GroupMoments[] out = new GroupMoments[m];
        IntStream.range(0, m).parallel().forEach(b -> out[b] = moments(cos, b * n * n, n, category, fisherZ));
        return out;
    }

    private static GroupMoments moments(float[] cos, int base, int n, int[] category, boolean fisherZ) {
        if (fisherZ) {
            // Transform the upper triangle once (both passes below read every value), packed row after row: half
            // the memory of an n x n copy and none of its zeroing (400 MB per matrix at 10,000 words).
            float[] z = new float[n * (n - 1) / 2];
            int p = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    z[p++] = FisherZ.ofFloat(cos[base + i * n + j]);
                }
            }
            return moments(z, n, category, i -> i * (2 * n - i - 1) / 2);
        }
        return moments(cos, n, category, i -> base + i * n + i + 1);
    }

    /**
     * Two-pass within/across moments of the strict upper triangle, row-major; row i's values (j = i+1 .. n-1)
     * start at {@code rowStart(i)} of {@code v}.
     */
    private static GroupMoments moments(float[] v, int n, int[] category, java.util.function.IntUnaryOperator rowStart) {
        long cw = 0;
        long ca = 0;
        double sw = 0;
        double sa = 0;
        for (int i = 0; i < n; i++) {
            int o = rowStart.applyAsInt(i) - i - 1;
            for (int j = i + 1; j < n; j++) {
                double x = v[o + j];
                if (category[i] == category[j]) {
                    cw++;
                    sw += x;
                } else {
                    ca++;
                    sa += x;
                }
            }
        }
        // An empty group has mean 0/0 = NaN and M2 = 0.
        double mw = sw / cw;
        double ma = sa / ca;
        double m2w = 0;
        double m2a = 0;
        for (int i = 0; i < n; i++) {
            int o = rowStart.applyAsInt(i) - i - 1;
            for (int j = i + 1; j < n; j++) {
                double x = v[o + j];
                if (category[i] == category[j]) {
                    m2w += (x - mw) * (x - mw);
                } else {
                    m2a += (x - ma) * (x - ma);
                }
            }
        }
        return new GroupMoments(cw, mw, m2w, ca, ma, m2a);
    }
}

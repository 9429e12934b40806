package laminar.analysis.inference;

import laminar.analysis.CosineChunkListener;
import laminar.kernels.KernelBackend;
import laminar.kernels.TripleResampling;
import laminar.kernels.stats.Selectivity;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Permutation tests and bootstrap intervals on the laminar profile, computed batch by batch while the laminar pass
 * holds each batch's cosine matrices (no cosine is computed again, no matrix is kept).
 *
 * <p>Per batch: the observed statistics from the kernels' sums, then the permutations in blocks (each derived from
 * the seed and its index, so every batch sees the same ones: the max-statistic correction needs the same
 * permutation for every layer and matrix), then the resamples in blocks. The kernels sum the matrices minus their
 * means ({@link ShiftedMatrices}: one-pass variances of anisotropic layers keep their digits), prepared once per
 * batch by the backend ({@link KernelBackend#tripleResampling}: the Java backend puts four layers side by side in its
 * SIMD lanes, so that batches of a multiple of four layers suit it, {@link #layerMultiple}). Memory beyond the
 * batch: that shifted copy and its Fisher-z values, the prepared layout (Java: 96 bytes per word pair and four
 * layers), one block of index arrays, per-cell counts, one maximum per permutation and the bootstrap values
 * (L × 3 × B doubles per statistic).
 *
 * <pre>{@code
 * InferencePass inf = InferencePass.seeded(kernels, words.categoryCodes(), acts.nLayers(), options, System.err::println);
 * LaminarResults r = LaminarAnalysis.run(acts, words, 6, position, 0, kernels, inf);
 * Inference result = inf.finish();
 * }</pre>
 */
public final class InferencePass implements CosineChunkListener {

    /** Permutations or resamples per kernel call (bounds the index arrays, not the result). */
    static final int BLOCK = 64;

    private static final int[] FIRST = {0, 0, 1};
    private static final int[] SECOND = {1, 2, 2};

    private final KernelBackend kernels;
    private final int[] categories;
    private final int n;
    private final int nLayers;
    private final InferenceOptions options;
    private final Draws draws;
    private final Consumer<String> log;
    private final Map<Statistic, PermutationTally> tallies = new EnumMap<>(Statistic.class);
    private final Map<Statistic, BootstrapSamples> samples = new EnumMap<>(Statistic.class);
    private final Map<Statistic, double[][]> observed = new EnumMap<>(Statistic.class);
    private final double withinPairs;
    private final InferenceProgress progress;
    private long nanos;
    /** Rows accepted so far (for the progress lines). */
    private int rowsDone;
    private laminar.kernels.Compare compare = laminar.kernels.Compare.PEARSON;
    private boolean fisherZ = true;
    /** The last batch's shifted cosines, reused by the next batch of the same size. */
    private float[] shiftedCopy;

    /**
     * @param categories category code of each word
     * @param draws the permutations and resamples
     * @param log where a long run's time estimate and progress go ({@link InferenceProgress})
     */
    public InferencePass(KernelBackend kernels, int[] categories, int nLayers, InferenceOptions options, Draws draws,
                         Consumer<String> log) {
        this.kernels = kernels;
        this.categories = categories.clone();
        this.n = categories.length;
        this.nLayers = nLayers;
        this.options = options;
        this.draws = draws;
        this.log = log;
        this.withinPairs = withinPairs(this.categories);
        this.progress = new InferenceProgress(nLayers, options, log);
        for (Statistic s : Statistic.values()) {
            double[][] o = new double[nLayers][3];
            for (double[] row : o) {
                Arrays.fill(row, Double.NaN);
            }
            observed.put(s, o);
            if (s.tested() && options.permutations() > 0) {
                tallies.put(s, new PermutationTally(nLayers, options.permutations(), options.alternative()));
            }
            if (options.bootstrap() > 0) {
                samples.put(s, new BootstrapSamples(nLayers, options.bootstrap()));
            }
        }
    }

    /** With draws from {@code options.seed()} ({@link SeededDraws}). */
    public static InferencePass seeded(KernelBackend kernels, int[] categories, int nLayers, InferenceOptions options,
                                       Consumer<String> log) {
        return new InferencePass(kernels, categories, nLayers, options, new SeededDraws(options.seed(), categories), log);
    }

    /**
     * The comparison of the RSA statistic (default Pearson, as the notebook): Spearman's Mantel test runs on rank
     * matrices ({@link RankMantel}), Kendall's τa is computed per permutation. Bootstrap intervals of the RSA exist
     * for Pearson only (a resample's ranks are not the full sample's): NaN otherwise.
     */
    public InferencePass comparing(laminar.kernels.Compare how) {
        this.compare = java.util.Objects.requireNonNull(how, "how");
        return this;
    }

    /**
     * Whether the Fisher-z statistic applies to the matrices (not to negative distances): when not, it is NaN
     * (untested, no interval), as Part 7b is.
     */
    public InferencePass fisherZ(boolean applies) {
        this.fisherZ = applies;
        return this;
    }

    /**
     * Names the family's rows in the time estimate and the progress lines (e.g. "12 layers x 4 heads" when a row is
     * a head, see {@link HeadInference}); by default they are layers.
     */
    public InferencePass describing(String rows) {
        progress.describing(java.util.Objects.requireNonNull(rows, "rows"));
        return this;
    }

    /** Announces (and reports the progress of) runs estimated longer than {@code seconds} (tests: 0). */
    InferencePass announcingAbove(double seconds) {
        progress.threshold(seconds);
        return this;
    }

    /**
     * One batch's cosine matrices and what every block needs from them; {@code rsaMats} and {@code rsaTotals} are
     * what the RSA's cross sums run on (the matrices, or their ranks under Spearman).
     */
    private record Batch(int firstLayer, int layers, TripleResampling sums, int[] first, int[] second,
                         double[] totalRaw, double[] totalZ, float[] rsaMats, double[] rsaTotals,
                         ConstantMatrices constant, double[] shift) {
        int m() {
            return 3 * layers;
        }
    }

    @Override
    public void accept(int firstLayer, int layers, float[] cos) {
        long start = System.nanoTime();
        try {
            acceptTimed(firstLayer, layers, cos);
        } finally {
            nanos += System.nanoTime() - start;
        }
        rowsDone += layers;
        progress.batchDone(rowsDone, seconds());
    }

    /** Batches of four layers fill the Java backend's lanes ({@link TripleResampling#GROUP}). */
    @Override
    public int layerMultiple() {
        return TripleResampling.GROUP;
    }

    /** Seconds spent in {@link #accept} so far (the inference's share of the laminar pass). */
    public double seconds() {
        return nanos / 1e9;
    }

    private void acceptTimed(int firstLayer, int layers, float[] cos) {
        Batch b = prepare(firstLayer, layers, cos);
        observe(b);
        long t0 = System.nanoTime();
        int p = options.permutations();
        int r = options.bootstrap();
        if (p > 0) {
            permutationBlock(b, 0);
        }
        long t1 = System.nanoTime();
        if (r > 0) {
            bootstrapBlock(b, 0);
        }
        long t2 = System.nanoTime();
        double permSeconds = (t1 - t0) / 1e9;
        double bootSeconds = (t2 - t1) / 1e9;
        int nextP = BLOCK;
        int nextR = BLOCK;
        if (!progress.estimated()) {
            // The first blocks include compiling the kernels (JIT): at 34 words they took ten times a warm block, so
            // the estimate is taken from the second blocks where there are any.
            if (p > BLOCK) {
                long s = System.nanoTime();
                permutationBlock(b, BLOCK);
                permSeconds = (System.nanoTime() - s) / 1e9;
                nextP = 2 * BLOCK;
            }
            if (r > BLOCK) {
                long s = System.nanoTime();
                bootstrapBlock(b, BLOCK);
                bootSeconds = (System.nanoTime() - s) / 1e9;
                nextR = 2 * BLOCK;
            }
        }
        progress.estimate(layers, permSeconds, bootSeconds);
        for (int q0 = nextP; q0 < p; q0 += BLOCK) {
            permutationBlock(b, q0);
        }
        for (int q0 = nextR; q0 < r; q0 += BLOCK) {
            bootstrapBlock(b, q0);
        }
    }

    /**
     * The batch's shifted matrices, prepared for the kernels ({@link KernelBackend#tripleResampling}: the Java
     * backend lays four layers side by side in its SIMD lanes), with the totals and what the statistics need.
     */
    private Batch prepare(int firstLayer, int layers, float[] cos) {
        int m = 3 * layers;
        float[] z = kernels.fisherZ(cos);
        // z shifted in place, the cosines into a copy (the previous batch's array when it has this batch's size)
        ShiftedMatrices shifted = ShiftedMatrices.of(cos, z, m, n, shiftedCopy);
        shiftedCopy = shifted.cos();
        float[] xs = shifted.cos();
        int[] first = TripleResampling.firsts(layers);
        int[] second = TripleResampling.seconds(layers);
        TripleResampling sums = kernels.tripleResampling(xs, z, layers, n);
        double[][] totals = split(sums.permutedWithinSums(new int[n], 1));
        boolean ranked = compare == laminar.kernels.Compare.SPEARMAN;
        // Kendall's τa reads the values' order: the cosines as they are (a rounded shift could tie two of them)
        float[] rsaMats = ranked ? RankMantel.rankMatrices(cos, m, n)
                : compare == laminar.kernels.Compare.KENDALL_TAU_A ? cos : xs;
        return new Batch(firstLayer, layers, sums, first, second, totals[0], totals[1], rsaMats,
                ranked ? kernels.permutedWithinSums(rsaMats, m, n, new int[n], 1) : totals[0],
                ConstantMatrices.of(xs, z, m, n), shifted.shift());
    }

    private void observe(Batch b) {
        double[][] w = withinSums(b, categories, 1);
        double[] wr = w[0];
        double[] wz = w[1];
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        double[] cross = crossSums(b, identity, 1);
        double[] values = new double[Statistic.values().length];
        for (int c = 0; c < b.layers(); c++) {
            for (int k = 0; k < 3; k++) {
                evaluate(b, wr, wz, cross, identity, 1, 0, c, k, values);
                for (Statistic s : Statistic.values()) {
                    observed.get(s)[b.firstLayer() + c][k] = values[s.ordinal()];
                    PermutationTally t = tallies.get(s);
                    if (t != null) {
                        t.observe(b.firstLayer() + c, k, values[s.ordinal()]);
                    }
                }
            }
        }
    }

    /** The statistics of cell (c, k) for relabelling q of a block of qs, from within sums and cross sums. */
    private void evaluate(Batch b, double[] wr, double[] wz, double[] cross, int[] perms, int qs, int q, int c,
                          int k, double[] values) {
        double nAll = (double) n * (n - 1) / 2;
        double nWithin = withinPairs;
        int mat = 3 * c + k;
        int o = (mat * qs + q) * 2;
        ConstantMatrices constant = b.constant();
        Selectivity raw = constant.cosines(mat, nWithin, wr[o], wr[o + 1], nAll, b.totalRaw()[mat * 2],
                b.totalRaw()[mat * 2 + 1]);
        Selectivity fz = constant.fisherZ(mat, nWithin, wz[o], wz[o + 1], nAll, b.totalZ()[mat * 2],
                b.totalZ()[mat * 2 + 1]);
        int a = 3 * c + FIRST[k];
        int s = 3 * c + SECOND[k];
        boolean undefined = constant.either(a, s);
        values[Statistic.SELECTIVITY_DIFF.ordinal()] = raw.difference();
        values[Statistic.SELECTIVITY_T.ordinal()] = raw.t();
        values[Statistic.SELECTIVITY_AVERAGE.ordinal()] = raw.average() + b.shift()[mat];
        values[Statistic.SELECTIVITY_FISHER_Z_T.ordinal()] = fisherZ ? fz.t() : Double.NaN;
        values[Statistic.RSA.ordinal()] = undefined ? Double.NaN
                : cross == null ? RankMantel.kendall(b.rsaMats(), n, a, s, perms, q * n)
                : SumStatistics.pearson(nAll, b.rsaTotals()[a * 2], b.rsaTotals()[a * 2 + 1],
                b.rsaTotals()[s * 2], b.rsaTotals()[s * 2 + 1], cross[mat * qs + q]);
    }

    /**
     * The within sums of the cosines and of their Fisher-z values, {@code [m][qs][2]} each, from one fused kernel
     * call (the observed labels go through the same call as the relabellings, so equal partitions tie exactly).
     */
    private static double[][] withinSums(Batch b, int[] labels, int qs) {
        return split(b.sums().permutedWithinSums(labels, qs));
    }

    /** Fused within sums {@code [m][qs][4]} as those of the cosines and of their Fisher-z values, {@code [m][qs][2]}. */
    private static double[][] split(double[] four) {
        double[] raw = new double[four.length / 2];
        double[] z = new double[four.length / 2];
        for (int i = 0; i < raw.length / 2; i++) {
            raw[2 * i] = four[4 * i];
            raw[2 * i + 1] = four[4 * i + 1];
            z[2 * i] = four[4 * i + 2];
            z[2 * i + 1] = four[4 * i + 3];
        }
        return new double[][] {raw, z};
    }

    /**
     * The Mantel cross sums of the RSA's matrices (Pearson: the prepared batch's; Spearman: the rank matrices'); null
     * under Kendall's τa, which is computed per permutation.
     */
    private double[] crossSums(Batch b, int[] perms, int qs) {
        return switch (compare) {
            case KENDALL_TAU_A -> null;
            case PEARSON -> b.sums().permutedCrossSums(perms, qs);
            default -> kernels.permutedCrossSums(b.rsaMats(), b.m(), n, b.first(), b.second(), perms, qs);
        };
    }

    private static double withinPairs(int[] categories) {
        int n = categories.length;
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        double w = 0;
        for (int code : Arrays.stream(categories).distinct().toArray()) {
            w += SumStatistics.pairCount(ones, 0, n, categories, code);
        }
        return w;
    }

    private void permutationBlock(Batch b, int q0) {
        int qs = Math.min(BLOCK, options.permutations() - q0);
        int[] perms = new int[qs * n];
        int[] labels = new int[qs * n];
        for (int q = 0; q < qs; q++) {
            int[] pi = draws.permutation(q0 + q);
            System.arraycopy(pi, 0, perms, q * n, n);
            for (int i = 0; i < n; i++) {
                labels[q * n + i] = categories[pi[i]];
            }
        }
        double[][] w = withinSums(b, labels, qs);
        double[] wr = w[0];
        double[] wz = w[1];
        double[] cross = crossSums(b, perms, qs);
        double[] values = new double[Statistic.values().length];
        for (int c = 0; c < b.layers(); c++) {
            for (int k = 0; k < 3; k++) {
                for (int q = 0; q < qs; q++) {
                    evaluate(b, wr, wz, cross, perms, qs, q, c, k, values);
                    for (Map.Entry<Statistic, PermutationTally> e : tallies.entrySet()) {
                        e.getValue().add(b.firstLayer() + c, k, q0 + q, values[e.getKey().ordinal()]);
                    }
                }
            }
        }
    }

    private void bootstrapBlock(Batch b, int q0) {
        int qs = Math.min(BLOCK, options.bootstrap() - q0);
        double[] weights = new double[qs * n];
        for (int q = 0; q < qs; q++) {
            for (int w : draws.resample(q0 + q)) {
                weights[q * n + w]++;
            }
        }
        int m = b.m();
        TripleResampling.Bootstrap boot = b.sums().bootstrap(categories, weights, qs);
        double[] sums = boot.sums();
        double[] cross = boot.cross();
        int[] codes = Arrays.stream(categories).distinct().toArray();
        ConstantMatrices constant = b.constant();
        for (int q = 0; q < qs; q++) {
            double nAll = SumStatistics.pairCount(weights, q * n, n, null, 0);
            double nWithin = 0;
            for (int code : codes) {
                nWithin += SumStatistics.pairCount(weights, q * n, n, categories, code);
            }
            for (int c = 0; c < b.layers(); c++) {
                int layer = b.firstLayer() + c;
                for (int k = 0; k < 3; k++) {
                    int mat = 3 * c + k;
                    int o = (mat * qs + q) * 8;
                    Selectivity raw = constant.cosines(mat, nWithin, sums[o], sums[o + 1], nAll, sums[o + 4],
                            sums[o + 5]);
                    Selectivity fz = constant.fisherZ(mat, nWithin, sums[o + 2], sums[o + 3], nAll, sums[o + 6],
                            sums[o + 7]);
                    int a = ((3 * c + FIRST[k]) * qs + q) * 8;
                    int s = ((3 * c + SECOND[k]) * qs + q) * 8;
                    boolean undefined = constant.either(3 * c + FIRST[k], 3 * c + SECOND[k]);
                    double rsa = undefined || compare != laminar.kernels.Compare.PEARSON ? Double.NaN
                            : SumStatistics.pearson(nAll, sums[a + 4], sums[a + 5], sums[s + 4], sums[s + 5],
                            cross[mat * qs + q]);
                    samples.get(Statistic.SELECTIVITY_DIFF).set(layer, k, q0 + q, raw.difference());
                    samples.get(Statistic.SELECTIVITY_T).set(layer, k, q0 + q, raw.t());
                    samples.get(Statistic.SELECTIVITY_AVERAGE).set(layer, k, q0 + q, raw.average() + b.shift()[mat]);
                    samples.get(Statistic.SELECTIVITY_FISHER_Z_T).set(layer, k, q0 + q, fisherZ ? fz.t() : Double.NaN);
                    samples.get(Statistic.RSA).set(layer, k, q0 + q, rsa);
                }
            }
        }
    }

    /** The results, once every layer has been seen. */
    public Inference finish() {
        Map<Statistic, StatisticInference> out = new EnumMap<>(Statistic.class);
        for (Statistic s : Statistic.values()) {
            PermutationTally t = tallies.get(s);
            BootstrapSamples b = samples.get(s);
            double[][] p = t == null ? nan2() : t.pValues();
            out.put(s, new StatisticInference(s, observed.get(s), t == null ? null : t.counts(), p,
                    t == null ? nan2() : t.familyWisePValues(), t == null ? nan2() : Multiplicity.benjaminiHochberg(p),
                    b == null ? nan3() : b.interval95(), b == null ? nan2() : b.standardError()));
        }
        return new Inference(options.permutations(), options.bootstrap(), options.seed(), options.alternative(), out);
    }

    private double[][] nan2() {
        double[][] a = new double[nLayers][3];
        for (double[] row : a) {
            Arrays.fill(row, Double.NaN);
        }
        return a;
    }

    private double[][][] nan3() {
        double[][][] a = new double[nLayers][3][2];
        for (double[][] m : a) {
            for (double[] row : m) {
                Arrays.fill(row, Double.NaN);
            }
        }
        return a;
    }
}

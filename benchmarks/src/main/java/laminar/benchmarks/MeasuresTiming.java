package laminar.benchmarks;

import laminar.kernels.Compare;
import laminar.kernels.JavaKernels;
import laminar.kernels.KernelBackend;

import java.util.Locale;

/**
 * Wall-clock timing of issue 13's measures at scale (a plain command, not JMH: each step runs seconds): Kendall's
 * τa and Spearman's ρ between two 2,000-word matrices (m ≈ 2 million pairs), the category-model fit, one layer's
 * linear-CKA vectors (Q, K, V at d = 1600, which include one cosine pass over centred rows), and the layer × layer
 * CKA maps of 48 layers for one of Q, K, V. Repeats each step and prints the best, plus the totals for 48 layers.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -Xmx8g -cp benchmarks/target/classes:kernels/target/classes \
 *      laminar.benchmarks.MeasuresTiming [n] [d] [layers]
 * }</pre>
 */
public final class MeasuresTiming {

    private MeasuresTiming() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 1600;
        int layers = args.length > 2 ? Integer.parseInt(args[2]) : 48;
        KernelBackend k = new JavaKernels();
        float[] rows = Data.rows(3, n, d, 38);
        float[] cos = k.cosineMatrices(rows, 3, n, d);
        int[] first = {0, 0, 1};
        int[] second = {1, 2, 2};
        int[] cats = Data.categories(n);
        double cosine = best(() -> k.cosineMatrices(rows, 3, n, d));
        double pearson = best(() -> k.compareMatrices(cos, 3, n, first, second, Compare.PEARSON));
        double spearman = best(() -> k.compareMatrices(cos, 3, n, first, second, Compare.SPEARMAN));
        double tau = best(() -> k.compareMatrices(cos, 3, n, first, second, Compare.KENDALL_TAU_A));
        double fitTau = best(() -> k.categoryFit(cos, 3, n, cats, Compare.KENDALL_TAU_A));
        double ckaLayer = best(() -> k.ckaVectors(rows, 3, n, d));
        // Layer map of one kind: 48 vectors of n(n+1)/2 floats (384 MB at 2,000 words), every pair's dot product.
        int len = n * (n + 1) / 2;
        float[] one = k.ckaVectors(java.util.Arrays.copyOf(rows, n * d), 1, n, d);
        float[][] vectors = new float[layers][];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (int l = 0; l < layers; l++) {
            vectors[l] = one.clone();
            vectors[l][rnd.nextInt(len)] += 1e-3f; // distinct arrays, same cost
        }
        double map = best(() -> java.util.stream.IntStream.range(0, layers * layers).parallel()
                .filter(p -> p / layers <= p % layers)
                .mapToDouble(p -> KernelBackend.ckaDot(vectors[p / layers], 0, vectors[p % layers], 0, len)).sum());
        System.out.printf(Locale.ROOT, "n=%d d=%d layers=%d pairs per matrix m=%d, %d cores%n", n, d, layers,
                (long) n * (n - 1) / 2, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "one layer (Q, K, V): cosine %.3f s | RSA pearson %.3f s, spearman %.3f s,"
                + " kendall tau-a %.3f s | category fit tau-a %.3f s | CKA vectors %.3f s%n",
                cosine, pearson, spearman, tau, fitTau, ckaLayer);
        System.out.printf(Locale.ROOT, "%d layers: RSA tau-a %.1f s, spearman %.1f s, pearson %.1f s; category fit"
                + " tau-a %.1f s; CKA vectors %.1f s; layer x layer CKA map %.2f s per kind (%.2f s for Q, K, V);"
                + " cosine %.1f s%n", layers, tau * layers, spearman * layers, pearson * layers, fitTau * layers,
                ckaLayer * layers, map, 3 * map, cosine * layers);
    }

    private static double best(Runnable r) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf(Locale.ROOT, "  step: best of 3 %.3f s%n", best); // printed as it goes: a slow run still reports
        return best;
    }
}

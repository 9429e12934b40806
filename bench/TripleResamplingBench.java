import laminar.kernels.JavaKernels;
import laminar.kernels.KernelBackend;
import laminar.kernels.TripleResampling;

import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The resampling sums of one laminar batch (issue 11) two ways, alternately: the single calls of the Java backend
 * (TripleResampling.byCalls) and its prepared layout (JavaKernels.tripleResampling: triples in SIMD lanes). CPU and
 * wall ms per layer and draw for 64 draws per call (as InferencePass makes them), the last of `reps` runs; then the
 * largest difference between the two, relative to the largest value of each output kind.
 *
 *   java --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -Xmx8g -cp kernels/target/classes \
 *       bench/TripleResamplingBench.java 2000 4 3
 */
public class TripleResamplingBench {

    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]);
        int layers = Integer.parseInt(a[1]);
        int reps = Integer.parseInt(a[2]);
        int m = 3 * layers;
        int p = 64;
        Random r = new Random(5);
        int d = 64;
        float[] rows = new float[m * n * d];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) (r.nextGaussian() + 0.5);
        }
        KernelBackend k = new JavaKernels();
        float[] cos = k.cosineMatrices(rows, m, n, d);
        float[] z = k.fisherZ(cos);
        int[] cats = new int[n];
        for (int i = 0; i < n; i++) {
            cats[i] = i * 3 / n;
        }
        int[] perms = new int[p * n];
        int[] labels = new int[p * n];
        double[] weights = new double[p * n];
        for (int q = 0; q < p; q++) {
            for (int i = 0; i < n; i++) {
                perms[q * n + i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = perms[q * n + i];
                perms[q * n + i] = perms[q * n + j];
                perms[q * n + j] = t;
            }
            for (int i = 0; i < n; i++) {
                labels[q * n + i] = cats[perms[q * n + i]];
            }
            int[] start = {0, n / 3, 2 * n / 3, n}; // resample within each category, as the bootstrap does
            for (int c = 0; c < 3; c++) {
                for (int i = start[c]; i < start[c + 1]; i++) {
                    weights[q * n + pick(r, cats, c, n)]++;
                }
            }
        }
        TripleResampling calls = TripleResampling.byCalls(k, cos, z, layers, n);
        long b0 = System.nanoTime();
        TripleResampling lanes = k.tripleResampling(cos, z, layers, n);
        System.out.printf("layout: %s, built in %.0f ms%n", lanes.getClass().getSimpleName(), (System.nanoTime() - b0) / 1e6);
        double[][] last = new double[6][];
        for (int round = 0; round < 2; round++) {
            last[0] = time("within sums (single calls)", layers, p, reps, () -> calls.permutedWithinSums(labels, p));
            last[1] = time("within sums (lanes)", layers, p, reps, () -> lanes.permutedWithinSums(labels, p));
            last[2] = time("Mantel cross sums (single calls)", layers, p, reps, () -> calls.permutedCrossSums(perms, p));
            last[3] = time("Mantel cross sums (lanes)", layers, p, reps, () -> lanes.permutedCrossSums(perms, p));
            TripleResampling.Bootstrap[] boot = new TripleResampling.Bootstrap[2];
            time("bootstrap sums + cross (single calls)", layers, p, reps, () -> {
                boot[0] = calls.bootstrap(cats, weights, p);
                return boot[0].sums();
            });
            time("bootstrap sums + cross (lanes)", layers, p, reps, () -> {
                boot[1] = lanes.bootstrap(cats, weights, p);
                return boot[1].sums();
            });
            if (round == 1) {
                System.out.printf("within: max |diff| / max |value| = %.2e%n", diff(last[0], last[1]));
                System.out.printf("Mantel: %.2e%n", diff(last[2], last[3]));
                System.out.printf("bootstrap sums: %.2e, cross: %.2e%n", diff(boot[0].sums(), boot[1].sums()),
                        diff(boot[0].cross(), boot[1].cross()));
            }
        }
        System.out.printf("load %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static int pick(Random r, int[] cats, int c, int n) {
        while (true) {
            int w = r.nextInt(n);
            if (cats[w] == c) {
                return w;
            }
        }
    }

    static double diff(double[] x, double[] y) {
        double most = 0;
        double big = 0;
        for (int i = 0; i < x.length; i++) {
            most = Math.max(most, Math.abs(x[i] - y[i]));
            big = Math.max(big, Math.abs(x[i]));
        }
        return most / big;
    }

    static double[] time(String what, int layers, int draws, int reps, Supplier<double[]> run) {
        double ms = 0;
        double wall = 0;
        double[] out = null;
        for (int i = 0; i < reps; i++) {
            long c0 = cpu();
            long w0 = System.nanoTime();
            out = run.get();
            ms = (cpu() - c0) / 1e6 / layers / draws;
            wall = (System.nanoTime() - w0) / 1e6 / layers / draws;
        }
        System.out.printf("%-40s %6.2f ms CPU (%6.2f ms wall) per layer-draw%n", what, ms, wall);
        return out;
    }
}

import laminar.kernels.JavaKernels;
import laminar.kernels.KernelBackend;

import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.function.Supplier;

/**
 * CPU time of each permutation / bootstrap kernel of the Java backend (issue 11), per layer (3 matrices) and draw,
 * on synthetic cosine matrices of n words (3 equal categories), one laminar batch of `layers` layers, 64 draws per
 * call as InferencePass makes them; each kernel run `reps` times, the last run read (the first ones compile). An
 * optional fourth argument runs only the kernels whose name contains it.
 *
 *   java --add-modules jdk.incubator.vector -Xmx6g -cp kernels/target/classes bench/ResamplingKernelBench.java 2000 5 3
 *
 * (runs on older kernels' classes too, for a baseline: e.g. a commit before the float32 kernels, compiled with javac
 * into a folder)
 */
public class ResamplingKernelBench {

    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]);
        int layers = Integer.parseInt(a[1]);
        int reps = Integer.parseInt(a[2]);
        only = a.length > 3 ? a[3] : "";
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
                weights[q * n + r.nextInt(n)]++;
            }
        }
        int[] first = new int[m];
        int[] second = new int[m];
        for (int c = 0; c < layers; c++) {
            int[] f = {0, 0, 1};
            int[] s = {1, 2, 2};
            for (int j = 0; j < 3; j++) {
                first[3 * c + j] = 3 * c + f[j];
                second[3 * c + j] = 3 * c + s[j];
            }
        }
        time("within sums, cos and z (2 calls of the single-array kernel)", layers, p, reps, () -> {
            k.permutedWithinSums(cos, m, n, labels, p);
            return k.permutedWithinSums(z, m, n, labels, p);
        });
        java.lang.reflect.Method fused = fused();
        if (fused != null) { // absent from the kernels before the fused one (the baseline)
            time("within sums, cos and z (fused kernel)", layers, p, reps, () -> {
                try {
                    return (double[]) fused.invoke(k, cos, z, m, n, labels, p);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        time("Mantel cross sums, 3 pairs", layers, p, reps, () -> k.permutedCrossSums(cos, m, n, first, second, perms, p));
        time("bootstrap sums", layers, p, reps, () -> k.bootstrapSums(cos, z, m, n, cats, weights, p));
        time("bootstrap cross sums, 3 pairs", layers, p, reps, () -> k.bootstrapCrossSums(cos, m, n, first, second, weights, p));
        System.out.printf("load %.1f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static String only = "";

    static java.lang.reflect.Method fused() {
        try {
            return KernelBackend.class.getMethod("permutedWithinSums", float[].class, float[].class, int.class, int.class,
                    int[].class, int.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    static void time(String what, int layers, int draws, int reps, Supplier<double[]> run) {
        if (!what.contains(only)) {
            return;
        }
        double ms = 0;
        double wall = 0;
        for (int i = 0; i < reps; i++) {
            long c0 = cpu();
            long w0 = System.nanoTime();
            run.get();
            ms = (cpu() - c0) / 1e6 / layers / draws;
            wall = (System.nanoTime() - w0) / 1e6 / layers / draws;
        }
        System.out.printf("%-62s %6.2f ms CPU (%6.2f ms wall) per layer-draw%n", what, ms, wall);
    }
}

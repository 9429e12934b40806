import laminar.kernels.JavaKernels;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * laminar's cosine matrix against numpy's in one run on a shared machine: wall and process CPU seconds per matrix
 * (CPU time counts both threads and leaves out the time other processes held the cores; the fairer measure under
 * load). Same rows as bench/numpy_cosine.py draws (N(0.5, 1), n x 1600), 7 repeats after 3 warm-ups, one JSON line.
 *   java --add-modules jdk.incubator.vector -cp kernels/target/classes bench/CosineCpu.java 2000
 * bench/cosine-vs-numpy.sh alternates it with numpy.
 */
public class CosineCpu {
    public static void main(String[] a) {
        int n = a.length > 0 ? Integer.parseInt(a[0]) : 2000;
        int d = 1600;
        float[] rows = new float[n * d];
        SplittableRandom r = new SplittableRandom(38);
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) (r.nextGaussian() + 0.5);
        }
        JavaKernels k = new JavaKernels();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[7];
        double[] cpu = new double[7];
        for (int i = -3; i < wall.length; i++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            k.cosineMatrices(rows, 1, n, d);
            if (i >= 0) {
                wall[i] = (System.nanoTime() - t0) / 1e9;
                cpu[i] = (os.getProcessCpuTime() - c0) / 1e9;
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("{\"n\": %d, \"d\": %d, \"engine\": \"%s\", \"best_s\": %.4f, \"median_s\": %.4f,"
                + " \"cpu_median_s\": %.4f}%n", n, d, k.device(), wall[0], wall[3], cpu[3]);
    }
}

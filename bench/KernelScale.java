import laminar.kernels.JavaKernels;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;

/**
 * Does a kernel's cost grow with the work? Process-CPU nanoseconds per n² element of one layer's kernels (m = 3
 * matrices: cosine, RSA, group moments, group moments after Fisher-z) at d = 64 (the n² parts dominate, as at the
 * bundled checkpoint's width), two repeats per n. Flat numbers from n to 2n mean the cost grows as n².
 *   java -Xmx5g --add-modules jdk.incubator.vector -cp kernels/target/classes bench/KernelScale.java 2500 5000 10000
 */
public class KernelScale {
    public static void main(String[] args) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        JavaKernels k = new JavaKernels();
        for (String arg : args) {
            int n = Integer.parseInt(arg);
            int d = 64;
            int m = 3;
            float[] rows = new float[m * n * d];
            SplittableRandom r = new SplittableRandom(1);
            for (int i = 0; i < rows.length; i++) {
                rows[i] = (float) (r.nextGaussian() + 0.5);
            }
            int[] cat = new int[n];
            for (int i = 0; i < n; i++) {
                cat[i] = i % 3;
            }
            double elements = 3.0 * n * n;
            for (int rep = 0; rep < 2; rep++) {
                long c0 = os.getProcessCpuTime();
                float[] cos = k.cosineMatrices(rows, m, n, d);
                long c1 = os.getProcessCpuTime();
                k.rsa(cos, m, n, new int[] {0, 0, 1}, new int[] {1, 2, 2});
                long c2 = os.getProcessCpuTime();
                k.groupMoments(cos, m, n, cat, false);
                long c3 = os.getProcessCpuTime();
                k.groupMoments(cos, m, n, cat, true);
                long c4 = os.getProcessCpuTime();
                System.out.printf("n=%d rep=%d CPU ns per n^2 element: cosine %.2f rsa %.2f moments %.2f moments_fz %.2f%n",
                        n, rep, (c1 - c0) / elements, (c2 - c1) / elements, (c3 - c2) / elements, (c4 - c3) / elements);
            }
        }
    }
}

import laminar.analysis.inference.Alternative;
import laminar.analysis.inference.InferenceOptions;
import laminar.analysis.inference.InferencePass;
import laminar.kernels.JavaKernels;
import laminar.kernels.KernelBackend;

import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * Inference cost at scale (issue 11): the permutation tests and the bootstrap of InferencePass on one batch of
 * synthetic cosine matrices (n words in 3 equal categories, `layers` layers), timed separately, wall and process
 * CPU (CPU is the robust number on a shared machine), and projected to 48 layers x 1,000 + 1,000 draws.
 *
 *   java --add-modules jdk.incubator.vector -Xmx6g -cp toolkit/target/classes:kernels/target/classes:$(cat cp.txt) \
 *       bench/InferenceBench.java 2000 5 64 64
 *
 * (cp.txt: mvn -q -o -pl toolkit -am compile dependency:build-classpath -Dmdep.outputFile=...; the second of two
 * repetitions is the one to read, the first includes JIT compilation.) After each repetition: the process CPU time
 * of each kernel method InferencePass called (both the permutations' and the bootstrap's pass; "once": the
 * once-per-batch calls, Fisher-z and the observed and total sums), and a projection from the per-draw calls alone
 * (with 64 draws the once-per-batch work weighs 16 times what it does in a run of 1,000).
 */
public class InferenceBench {

    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]);
        int layers = Integer.parseInt(a[1]);
        int p = Integer.parseInt(a[2]);
        int b = Integer.parseInt(a[3]);
        Random r = new Random(5);
        int d = 64; // the inference cost does not depend on d: it re-indexes the n x n matrices
        float[] rows = new float[3 * layers * n * d];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) (r.nextGaussian() + 0.5);
        }
        KernelBackend plain = new JavaKernels();
        java.util.Map<String, long[]> byMethod = new java.util.TreeMap<>();
        // every kernel call's process CPU time, by method name and argument count (what InferencePass spends where)
        KernelBackend k = (KernelBackend) java.lang.reflect.Proxy.newProxyInstance(KernelBackend.class.getClassLoader(),
                new Class<?>[] {KernelBackend.class}, (proxy, method, args) -> {
                    long c = cpu();
                    try {
                        return method.invoke(plain, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        boolean once = args == null || args.length < 5 || Integer.valueOf(1).equals(args[args.length - 1]);
                        String key = method.getName() + "/" + (args == null ? 0 : args.length) + (once ? " once" : "");
                        byMethod.computeIfAbsent(key, x -> new long[2])[0] += cpu() - c;
                        byMethod.get(key)[1]++;
                    }
                });
        float[] cos = k.cosineMatrices(rows, 3 * layers, n, d);
        int[] cats = new int[n];
        for (int i = 0; i < n; i++) {
            cats[i] = i * 3 / n;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        for (int rep = 0; rep < 2; rep++) {
            byMethod.clear();
            long w0 = System.nanoTime();
            long c0 = cpu();
            InferencePass pp = InferencePass.seeded(k, cats, layers, new InferenceOptions(p, 0, 1, Alternative.GREATER), m -> { });
            pp.accept(0, layers, cos);
            pp.finish();
            long w1 = System.nanoTime();
            long c1 = cpu();
            InferencePass pb = InferencePass.seeded(k, cats, layers, new InferenceOptions(0, b, 1, Alternative.GREATER), m -> { });
            pb.accept(0, layers, cos);
            pb.finish();
            long w2 = System.nanoTime();
            long c2 = cpu();
            double permCpu = (c1 - c0) / 1e6 / layers / p;
            double bootCpu = (c2 - c1) / 1e6 / layers / b;
            System.out.printf("n=%d, %d layers, run %d: permutations %d: %.1f s wall, %.1f ms CPU per layer-permutation;"
                    + " bootstrap %d: %.1f s wall, %.1f ms CPU per layer-resample; projected 48 layers x 1000 + 1000 on"
                    + " %d idle cores: %.0f s (load %s)%n", n, layers, rep + 1, p, (w1 - w0) / 1e9, permCpu, b,
                    (w2 - w1) / 1e9, bootCpu, cores, 48 * 1000 * (permCpu + bootCpu) / 1e3 / cores,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            byMethod.forEach((m, t) -> System.out.printf("  %-30s %3d calls %8.0f ms CPU%n", m, t[1], t[0] / 1e6));
            // per-draw kernel calls only: the once-per-batch work (Fisher-z, observed and total sums) is spread over
            // 1,000 draws in a real run, not 64
            double perDraw = byMethod.entrySet().stream().filter(e -> !e.getKey().endsWith(" once"))
                    .mapToDouble(e -> e.getValue()[0] / 1e6 / layers / (e.getKey().startsWith("bootstrap") ? b : p))
                    .sum();
            System.out.printf("  per-draw kernels: %.1f ms CPU per layer (permutation + resample); projected 48 layers x"
                    + " 1000 + 1000 on %d idle cores: %.0f s%n", perDraw, cores, 48 * 1000 * perDraw / 1e3 / cores);
        }
    }
}

package laminar.cli;

import laminar.LaminarException;
import laminar.kernels.Backends;
import laminar.kernels.GroupMoments;
import laminar.kernels.KernelBackend;
import laminar.model.Activations;
import laminar.model.ActivationsFile;
import laminar.model.Qkv;
import laminar.model.TokenPosition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code laminar compare-backends}: runs every kernel on two backends on the same inputs and reports the largest
 * absolute and relative differences and the time of each (first call, which includes compilation for a GPU
 * backend, separately from the median of warm repeats). Exits 1 when they disagree beyond float32 tolerance.
 */
@Command(name = "compare-backends", mixinStandardHelpOptions = true,
        description = "Run every kernel on two backends on the same inputs; report differences and timings.")
final class CompareBackendsCommand implements Callable<Integer> {

    /** Agreement bound: float32 rounding of sums over up to thousands of terms. */
    static final double ABS_TOLERANCE = 1e-4;

    @Option(names = "--words", defaultValue = "34", description = "Number of words (rows) (default: ${DEFAULT-VALUE}).")
    int words;
    @Option(names = "--dim", defaultValue = "1600", description = "Vector dimension (default: ${DEFAULT-VALUE}).")
    int dim;
    @Option(names = "--layers", defaultValue = "48", description = "Layers; matrices = 3 x layers (default: ${DEFAULT-VALUE}).")
    int layers;
    @Option(names = "--categories", defaultValue = "3", description = "Categories (default: ${DEFAULT-VALUE}).")
    int categories;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the random inputs (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--activations", paramLabel = "FILE", description = "Use a saved activations.safetensors instead of random inputs.")
    Path activations;
    @Option(names = "--repeats", defaultValue = "5", description = "Warm repeats per kernel (default: ${DEFAULT-VALUE}).")
    int repeats;
    @Option(names = "--baseline", defaultValue = "java", description = "Reference backend (default: ${DEFAULT-VALUE}).")
    String baseline;
    @Option(names = "--backend", description = "Backend to check (default: the preferred other backend).")
    String candidate;

    @Override
    public Integer call() {
        KernelBackend ref = Pipeline.backend(baseline);
        String other = candidate;
        if (other == null) {
            other = Backends.available().stream().filter(n -> !n.equals(baseline)).findFirst().orElseThrow(() ->
                    new LaminarException("only the '" + baseline + "' backend is available here; install TornadoVM"
                            + " (see README) to compare against it"));
        }
        try (ref; KernelBackend test = Pipeline.backend(other)) {
            return compare(ref, test);
        }
    }

    private int compare(KernelBackend ref, KernelBackend test) {
        Inputs in = activations != null ? Inputs.from(ActivationsFile.read(activations), categories)
                : Inputs.random(layers * 3, words, dim, categories, seed);
        System.out.printf("compare-backends: %s vs %s on %d matrices of %d x %d (%s)%n", test.name(), ref.name(),
                in.m, in.n, in.d, activations != null ? activations : "random, seed " + seed);
        System.out.printf("%-16s %12s %12s %14s %14s %14s %14s%n", "kernel", "max|abs|", "max rel",
                ref.name() + " first", ref.name() + " warm", test.name() + " first", test.name() + " warm");
        boolean agree = true;
        float[] cosRef = ref.cosineMatrices(in.rows, in.m, in.n, in.d);
        int[] first = new int[in.m];
        int[] second = new int[in.m];
        for (int i = 0; i < in.m; i++) {
            first[i] = i;
            second[i] = (i + 1) % in.m;
        }
        int half = in.n * in.d;
        float[] a = Arrays.copyOfRange(in.rows, 0, (in.m / 2) * half);
        float[] b = Arrays.copyOfRange(in.rows, (in.m / 2) * half, 2 * (in.m / 2) * half);
        int pm = Math.max(1, in.m / 2);
        List<Kernel> kernels = new java.util.ArrayList<>(List.of(
                new Kernel("cosine", k -> k.cosineMatrices(in.rows, in.m, in.n, in.d)),
                new Kernel("pearson", k -> k.pearson(a, b, pm, half)),
                new Kernel("rsa", k -> k.rsa(cosRef, in.m, in.n, first, second)),
                new Kernel("fisher_z", k -> k.fisherZ(cosRef)),
                new Kernel("moments", k -> flatten(k.groupMoments(cosRef, in.m, in.n, in.categories, false))),
                new Kernel("moments_fz", k -> flatten(k.groupMoments(cosRef, in.m, in.n, in.categories, true)))));
        ResamplingComparison.kernels(cosRef, in.m, in.n, in.categories, seed)
                .forEach((name, run) -> kernels.add(new Kernel(name, run)));
        for (Kernel kernel : kernels) {
            Timed r = time(kernel.run, ref);
            Timed t = time(kernel.run, test);
            double[] diff = difference(r.result, t.result);
            boolean ok = diff[0] <= ABS_TOLERANCE || diff[1] <= ABS_TOLERANCE;
            agree &= ok;
            System.out.printf("%-16s %12.3e %12.3e %12.2f ms %12.2f ms %12.2f ms %12.2f ms%s%n", kernel.name,
                    diff[0], diff[1], r.firstMs, r.warmMs, t.firstMs, t.warmMs, ok ? "" : "  DISAGREE");
        }
        System.out.println(agree ? "compare-backends: backends agree (tolerance " + ABS_TOLERANCE + ")"
                : "compare-backends: backends DISAGREE");
        return agree ? Main.OK : Main.INTERNAL_ERROR;
    }

    /** A kernel run; its result is a float[] or a double[] (large float results are compared without widening). */
    private record Kernel(String name, Function<KernelBackend, Object> run) {
    }

    private record Timed(Object result, double firstMs, double warmMs) {
    }

    private Timed time(Function<KernelBackend, Object> run, KernelBackend k) {
        long t0 = System.nanoTime();
        Object result = run.apply(k);
        double first = (System.nanoTime() - t0) / 1e6;
        double[] warm = new double[Math.max(1, repeats)];
        for (int i = 0; i < warm.length; i++) {
            long s = System.nanoTime();
            run.apply(k);
            warm[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(warm);
        return new Timed(result, first, warm[warm.length / 2]);
    }

    /** {@link #difference(double[], double[])} of two float[] or two double[] results. */
    static double[] difference(Object a, Object b) {
        if (a instanceof float[] fa && b instanceof float[] fb) {
            return difference(fa.length, i -> fa[i], fb.length, i -> fb[i]);
        }
        double[] da = (double[]) a;
        double[] db = (double[]) b;
        return difference(da.length, i -> da[i], db.length, i -> db[i]);
    }

    /** {max |a-b|, max |a-b| / max(|a|, tiny)} over finite pairs; a NaN in one but not the other counts as infinite. */
    static double[] difference(double[] a, double[] b) {
        return difference((Object) a, (Object) b);
    }

    private static double[] difference(int na, java.util.function.IntToDoubleFunction a, int nb,
                                       java.util.function.IntToDoubleFunction b) {
        if (na != nb) {
            return new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        }
        double abs = 0;
        double rel = 0;
        for (int i = 0; i < na; i++) {
            double x = a.applyAsDouble(i);
            double y = b.applyAsDouble(i);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                if (Double.isNaN(x) != Double.isNaN(y)) {
                    return new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
                }
                continue;
            }
            double d = Math.abs(x - y);
            abs = Math.max(abs, d);
            rel = Math.max(rel, d / Math.max(Math.abs(x), 1e-30));
        }
        return new double[] {abs, rel};
    }


    private static double[] flatten(GroupMoments[] g) {
        double[] d = new double[g.length * 6];
        for (int i = 0; i < g.length; i++) {
            GroupMoments x = g[i];
            double[] v = {x.withinCount(), x.withinMean(), x.withinM2(), x.acrossCount(), x.acrossMean(), x.acrossM2()};
            System.arraycopy(v, 0, d, 6 * i, 6);
        }
        return d;
    }

    private record Inputs(float[] rows, int m, int n, int d, int[] categories) {
        static Inputs random(int m, int n, int d, int categories, long seed) {
            if (m < 1 || n < 2 || d < 1 || categories < 1) {
                throw new LaminarException("need --layers >= 1, --words >= 2, --dim >= 1, --categories >= 1");
            }
            SplittableRandom rnd = new SplittableRandom(seed);
            float[] rows = new float[Math.multiplyExact(Math.multiplyExact(m, n), d)];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = (float) (rnd.nextGaussian() + 0.5);
            }
            int[] cats = new int[n];
            for (int i = 0; i < n; i++) {
                cats[i] = i % categories;
            }
            return new Inputs(rows, m, n, d, cats);
        }

        static Inputs from(Activations acts, int categories) {
            int n = acts.nWords();
            int d = acts.nEmbd();
            int m = 3 * acts.nLayers();
            float[] rows = new float[m * n * d];
            for (int l = 0; l < acts.nLayers(); l++) {
                for (Qkv k : Qkv.values()) {
                    System.arraycopy(acts.rows(l, k, TokenPosition.LAST), 0, rows, (3 * l + k.ordinal()) * n * d, n * d);
                }
            }
            int[] cats = new int[n];
            for (int i = 0; i < n; i++) {
                cats[i] = i % Math.max(1, categories);
            }
            return new Inputs(rows, m, n, d, cats);
        }
    }
}

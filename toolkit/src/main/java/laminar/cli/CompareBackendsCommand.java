package laminar.cli;

import laminar.LaminarException;
import laminar.kernels.Backends;
import laminar.kernels.GroupMoments;
import laminar.kernels.KernelBackend;
import laminar.model.Activations;
import laminar.model.io.ActivationsFile;
import laminar.model.Qkv;
import laminar.model.TokenPosition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code laminar compare-backends}: runs every kernel on two backends on the same inputs and reports the largest
 * absolute and relative differences and the time of each (first call, which includes compilation for a GPU
 * backend, separately from the median of warm repeats). Exits 1 when they disagree beyond float32 tolerance. The
 * layers are processed in chunks of bounded memory ({@code --chunk-mib}), so 2,000 words x 48 layers fit the
 * launcher's default heap; differences are the largest over all chunks, times the sums over chunks.
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
    @Option(names = "--chunk-mib", defaultValue = "256", description = "Memory per chunk of layers: the kernels run"
            + " one chunk at a time so that large runs fit the default heap (default: ${DEFAULT-VALUE}).")
    long chunkMib;

    @Override
    public Integer call() {
        KernelBackend ref = Pipeline.backend(baseline);
        String other = candidate;
        if (other == null) {
            other = Backends.available().stream().filter(n -> !n.equals(baseline)).findFirst().orElseThrow(() ->
                    new LaminarException("only the '" + baseline + "' backend is available here; the tornado"
                            + " backend needs TornadoVM: set TORNADOVM_HOME to a TornadoVM 5.2.0-jdk25 SDK and run"
                            + " ./laminar, which builds and loads it (kernels-tornado/README.md)"));
        }
        try (ref; KernelBackend test = Pipeline.backend(other)) {
            return compare(ref, test);
        }
    }

    private int compare(KernelBackend ref, KernelBackend test) {
        if (chunkMib < 1) {
            throw new LaminarException("--chunk-mib must be at least 1 (MiB per chunk of layers); got " + chunkMib);
        }
        Inputs in = activations != null ? Inputs.from(ActivationsFile.read(activations), categories)
                : Inputs.random(layers, words, dim, categories, seed);
        int perChunk = layersPerChunk(in.n, in.d, in.layers, chunkMib);
        int chunks = (in.layers + perChunk - 1) / perChunk;
        System.out.printf("compare-backends: %s vs %s on %d matrices of %d x %d (%s), %d chunk(s) of <= %d layers%n",
                test.name(), ref.name(), 3 * in.layers, in.n, in.d,
                activations != null ? activations : "random, seed " + seed, chunks, perChunk);
        System.out.printf("%-16s %12s %12s %14s %14s %14s %14s%n", "kernel", "max|abs|", "max rel",
                ref.name() + " first", ref.name() + " warm", test.name() + " first", test.name() + " warm");
        Map<String, Summary> summaries = new LinkedHashMap<>();
        for (int first = 0; first < in.layers; first += perChunk) {
            Chunk chunk = in.chunk(first, Math.min(perChunk, in.layers - first));
            for (Kernel kernel : chunk.kernels(ref, seed)) {
                Timed r = time(kernel.run, ref);
                Timed t = time(kernel.run, test);
                summaries.computeIfAbsent(kernel.name, k -> new Summary()).add(difference(r.result, t.result), r, t);
            }
        }
        boolean agree = true;
        for (Map.Entry<String, Summary> e : summaries.entrySet()) {
            Summary x = e.getValue();
            boolean ok = x.abs <= ABS_TOLERANCE || x.rel <= ABS_TOLERANCE;
            agree &= ok;
            System.out.printf("%-16s %12.3e %12.3e %12.2f ms %12.2f ms %12.2f ms %12.2f ms%s%n", e.getKey(),
                    x.abs, x.rel, x.refFirst, x.refWarm, x.testFirst, x.testWarm, ok ? "" : "  DISAGREE");
        }
        System.out.println(agree ? "compare-backends: backends agree (tolerance " + ABS_TOLERANCE + ")"
                : "compare-backends: backends DISAGREE");
        return agree ? Main.OK : Main.INTERNAL_ERROR;
    }

    /**
     * Layers per chunk so that a chunk's rows and each n x n result stay within {@code mib} MiB: at 2,000 words x
     * 1,600 every chunk holds 5 layers (rows 192 MB, each cosine result 240 MB), whatever the layer count.
     */
    static int layersPerChunk(int n, int d, int layers, long mib) {
        long perLayer = 3L * Math.max((long) n * d, (long) n * n) * Float.BYTES;
        return (int) Math.max(1, Math.min(layers, (mib << 20) / Math.max(1, perLayer)));
    }

    /** Largest differences and summed times of one kernel over all chunks (times are for the whole batch). */
    private static final class Summary {
        double abs;
        double rel;
        double refFirst;
        double refWarm;
        double testFirst;
        double testWarm;

        void add(double[] diff, Timed r, Timed t) {
            abs = Math.max(abs, diff[0]);
            rel = Math.max(rel, diff[1]);
            refFirst += r.firstMs;
            refWarm += r.warmMs;
            testFirst += t.firstMs;
            testWarm += t.warmMs;
        }
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

    /**
     * The inputs of one chunk of layers ({@code m = 3 x layers} matrices) and the kernels run on them: pearson
     * pairs the chunk's first half of matrices with its second, RSA each matrix with the next one in the chunk.
     */
    private record Chunk(float[] rows, int m, int n, int d, int[] categories) {
        /** The statistics kernels all read the reference backend's cosine matrices of the chunk. */
        List<Kernel> kernels(KernelBackend ref, long seed) {
            float[] cosRef = ref.cosineMatrices(rows, m, n, d);
            int[] first = new int[m];
            int[] second = new int[m];
            for (int i = 0; i < m; i++) {
                first[i] = i;
                second[i] = (i + 1) % m;
            }
            int half = n * d;
            int pm = Math.max(1, m / 2);
            float[] a = Arrays.copyOfRange(rows, 0, pm * half);
            float[] b = Arrays.copyOfRange(rows, (m / 2) * half, (m / 2 + pm) * half);
            List<Kernel> kernels = new java.util.ArrayList<>(List.of(
                    new Kernel("cosine", k -> k.cosineMatrices(rows, m, n, d)),
                    new Kernel("pearson", k -> k.pearson(a, b, pm, half)),
                    new Kernel("rsa", k -> k.rsa(cosRef, m, n, first, second)),
                    new Kernel("fisher_z", k -> k.fisherZ(cosRef)),
                    new Kernel("moments", k -> flatten(k.groupMoments(cosRef, m, n, categories, false))),
                    new Kernel("moments_fz", k -> flatten(k.groupMoments(cosRef, m, n, categories, true)))));
            // The permutation and bootstrap kernels (inference) on the same matrices.
            ResamplingComparison.kernels(cosRef, m, n, categories, seed)
                    .forEach((name, run) -> kernels.add(new Kernel(name, run)));
            return kernels;
        }
    }

    /**
     * Where the rows come from, one chunk of layers at a time: random rows drawn in layer order from one seeded
     * stream (the same values whatever the chunking), or a copy of the activations' last-token rows.
     */
    private record Inputs(int layers, int n, int d, int[] categories, SplittableRandom random, Activations acts) {
        static Inputs random(int layers, int n, int d, int categories, long seed) {
            if (layers < 1 || n < 2 || d < 1 || categories < 1) {
                throw new LaminarException("need --layers >= 1, --words >= 2, --dim >= 1, --categories >= 1");
            }
            return new Inputs(layers, n, d, codes(n, categories), new SplittableRandom(seed), null);
        }

        static Inputs from(Activations acts, int categories) {
            return new Inputs(acts.nLayers(), acts.nWords(), acts.nEmbd(), codes(acts.nWords(), categories), null, acts);
        }

        private static int[] codes(int n, int categories) {
            int[] cats = new int[n];
            for (int i = 0; i < n; i++) {
                cats[i] = i % Math.max(1, categories);
            }
            return cats;
        }

        /** Layers {@code first .. first + count - 1}; random inputs must be asked for in order. */
        Chunk chunk(int first, int count) {
            int m = 3 * count;
            float[] rows = new float[Math.multiplyExact(Math.multiplyExact(m, n), d)];
            if (acts == null) {
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = (float) (random.nextGaussian() + 0.5);
                }
            } else {
                for (int l = 0; l < count; l++) {
                    for (Qkv k : Qkv.values()) {
                        System.arraycopy(acts.rows(first + l, k, TokenPosition.LAST), 0, rows,
                                (3 * l + k.ordinal()) * n * d, n * d);
                    }
                }
            }
            return new Chunk(rows, m, n, d, categories);
        }
    }
}

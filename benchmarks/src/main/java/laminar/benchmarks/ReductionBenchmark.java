package laminar.benchmarks;

import laminar.kernels.GroupMoments;
import laminar.kernels.JavaKernels;
import laminar.kernels.KernelBackend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The reductions the analyses run on one layer's three cosine matrices ({@code m = 3}, {@code n × n}): RSA
 * (Q-K, Q-V, K-V; Parts 3b/4) and within/across group moments, raw (Part 6) and after Fisher-z (Part 7b).
 * The matrices come from the Java backend in set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ReductionBenchmark {

    private static final int[] FIRST = {0, 0, 1};
    private static final int[] SECOND = {1, 2, 2};

    @Param({"34", "500", "2000"})
    int n;

    @Param("1600")
    int d;

    @Param("3")
    int m;

    private float[] cos;
    private int[] categories;
    private KernelBackend kernels;

    @Setup
    public void setUp() {
        kernels = new JavaKernels();
        cos = kernels.cosineMatrices(Data.rows(m, n, d, 38), m, n, d);
        categories = Data.categories(n);
    }

    @Benchmark
    public double[] rsa() {
        return kernels.rsa(cos, m, n, FIRST, SECOND);
    }

    @Benchmark
    public GroupMoments[] groupMoments() {
        return kernels.groupMoments(cos, m, n, categories, false);
    }

    @Benchmark
    public GroupMoments[] groupMomentsFisherZ() {
        return kernels.groupMoments(cos, m, n, categories, true);
    }
}

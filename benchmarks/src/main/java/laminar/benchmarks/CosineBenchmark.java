package laminar.benchmarks;

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
 * The Java backend's cosine-similarity matrices: one layer's Q, K and V ({@code m = 3}) of {@code n} words at
 * GPT-2 XL's width ({@code d = 1600}), as {@code LaminarPass} calls it. One op = {@code m} matrices.
 * {@code -p simd=false} measures the scalar engine (same bits, no Vector API).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g", "-XX:+UseParallelGC"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
public class CosineBenchmark {

    @Param({"34", "500", "2000"})
    int n;

    @Param("1600")
    int d;

    @Param("3")
    int m;

    @Param("true")
    boolean simd;

    private float[] rows;
    private KernelBackend kernels;

    @Setup
    public void setUp() {
        System.setProperty(JavaKernels.SIMD_PROPERTY, Boolean.toString(simd));
        kernels = new JavaKernels();
        rows = Data.rows(m, n, d, 38);
    }

    @Benchmark
    public float[] cosineMatrices() {
        return kernels.cosineMatrices(rows, m, n, d);
    }
}

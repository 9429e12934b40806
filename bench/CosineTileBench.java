package laminar.kernels;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The cosine kernel's register tile on one core, per thread CPU second (BENCHMARKS.md, issue 14): the FMA peak of a
 * loop on registers (12 independent 8-lane FMAs), one 3×3 tile over 512 packed columns in L1, and all tiles of a
 * 48 × 48 block pair over d = 1,600 in 512-column slabs (rows in L2), each with the float → double panel ends.
 * Package-private access, so it is compiled, not run as a source file:
 *   javac --add-modules jdk.incubator.vector -cp kernels/target/classes -d /tmp/tilebench bench/CosineTileBench.java
 *   java --add-modules jdk.incubator.vector -cp /tmp/tilebench:kernels/target/classes laminar.kernels.CosineTileBench
 * The packed array is large (humongous under G1, so DotTiles.PACK_LEAD aligns it as in the kernel).
 */
public class CosineTileBench {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;

    public static void main(String[] args) throws Exception {
        var mx = ManagementFactory.getThreadMXBean();
        DotTiles dots = JavaKernels.bestEngine();
        int dp = 1600;
        float[] x = new float[DotTiles.PACK_LEAD + 8 * 96 * dp];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        double[] acc = new double[DotTiles.TILE_SUMS * 16 * 16];
        float[] f = new float[DotTiles.TILE_FLOATS];
        for (int round = 0; round < 8; round++) {
            long c0 = mx.getCurrentThreadCpuTime();
            int loops = 20_000_000;
            float sink = peak(x, loops);
            double peak = 2.0 * 8 * 12 * loops / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);

            c0 = mx.getCurrentThreadCpuTime();
            int reps = 200_000;
            for (int i = 0; i < reps; i++) {
                dots.tile(x, dp, 0, 3, 0, 512, acc, 0, f);
            }
            double l1 = 2.0 * DotTiles.TILE * DotTiles.TILE * 512 * reps / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);

            c0 = mx.getCurrentThreadCpuTime();
            int blocks = 300;
            for (int rep = 0; rep < blocks; rep++) {
                for (int k0 = 0; k0 < dp; k0 += 512) {
                    int t = 0;
                    for (int ti = 0; ti < 48; ti += DotTiles.TILE) {
                        for (int tj = 48; tj < 96; tj += DotTiles.TILE) {
                            dots.tile(x, dp, ti, tj, k0, Math.min(dp, k0 + 512), acc, t++ * DotTiles.TILE_SUMS, f);
                        }
                    }
                }
            }
            double l2 = 2.0 * 48 * 48 * dp * blocks / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);
            System.out.printf("GFLOP per CPU-s: register peak %.1f, tile in L1 %.1f, block in L2 %.1f (load %s)%s%n",
                    peak / 1e9, l1 / 1e9, l2 / 1e9, Files.readString(Path.of("/proc/loadavg")).strip(),
                    sink == 0.5f ? " " : "");
        }
    }

    /** 12 independent FMA chains on registers: the core's FMA throughput as the JIT reaches it. */
    private static float peak(float[] x, int n) {
        FloatVector v = FloatVector.fromArray(F, x, 0);
        FloatVector w = FloatVector.fromArray(F, x, 8).mul(1e-9f);
        FloatVector c0 = v, c1 = w, c2 = v.neg(), c3 = w.neg(), c4 = v.mul(0.5f), c5 = w.mul(0.5f);
        FloatVector c6 = v.mul(0.25f), c7 = w.mul(0.25f), c8 = v.mul(2f), c9 = w.mul(2f), c10 = v.mul(3f), c11 = w.mul(3f);
        for (int i = 0; i != n; i++) {
            c0 = v.fma(w, c0);
            c1 = v.fma(w, c1);
            c2 = v.fma(w, c2);
            c3 = v.fma(w, c3);
            c4 = v.fma(w, c4);
            c5 = v.fma(w, c5);
            c6 = v.fma(w, c6);
            c7 = v.fma(w, c7);
            c8 = v.fma(w, c8);
            c9 = v.fma(w, c9);
            c10 = v.fma(w, c10);
            c11 = v.fma(w, c11);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }
}

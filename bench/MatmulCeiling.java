import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;

/** The matmul ceiling of DJL's libtorch on this machine (BENCHMARKS.md, extraction): float32 sgemm at the shapes of a
 * GPT-2 XL MLP layer, with the operands in cache.
 *   java -Dai.djl.offline=true --enable-native-access=ALL-UNNAMED -cp "toolkit/target/lib/*" bench/MatmulCeiling.java
 */
public class MatmulCeiling {
    public static void main(String[] a) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            int[][] shapes = {{1024, 1600, 6400}, {38, 1600, 6400}, {170, 1600, 6400}};
            for (int[] s : shapes) {
                NDArray x = m.randomNormal(new Shape(s[0], s[1]));
                NDArray w = m.randomNormal(new Shape(s[1], s[2]));
                for (int i = 0; i < 3; i++) { x.matMul(w).close(); }
                int reps = s[0] > 500 ? 10 : 100;
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) { x.matMul(w).close(); }
                double sec = (System.nanoTime() - t0) / 1e9;
                double gflop = 2.0 * s[0] * s[1] * s[2] * reps / 1e9;
                System.out.printf("%d x %d . %d x %d float32: %.1f GFLOP/s (weights in cache, %d reps)%n", s[0], s[1], s[1], s[2], gflop / sec, reps);
            }
        }
    }
}

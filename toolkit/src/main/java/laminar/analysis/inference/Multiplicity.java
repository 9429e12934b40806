package laminar.analysis.inference;

import java.util.Arrays;
import java.util.Comparator;

/** Benjamini–Hochberg q-values over a family of layers × 3. */
final class Multiplicity {

    private Multiplicity() {
    }

    /**
     * q_(i) = min over j ≥ i of min(1, p_(j) · m / j) for the p-values sorted ascending (m = the defined ones);
     * NaN stays NaN.
     */
    static double[][] benjaminiHochberg(double[][] p) {
        int rows = p.length;
        Integer[] order = java.util.stream.IntStream.range(0, rows * 3)
                .filter(i -> !Double.isNaN(p[i / 3][i % 3])).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i / 3][i % 3]));
        double[][] q = new double[rows][3];
        for (double[] r : q) {
            Arrays.fill(r, Double.NaN);
        }
        int m = order.length;
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, p[i / 3][i % 3] * m / rank);
            q[i / 3][i % 3] = running;
        }
        return q;
    }
}

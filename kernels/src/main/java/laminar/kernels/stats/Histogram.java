package laminar.kernels.stats;

/**
 * A histogram with equal-width bins, as {@code np.histogram} returns it.
 *
 * <p>The arrays are shared, not copied: do not modify them.
 *
 * @param edges the {@code bins + 1} bin edges; for float32 input these are float32 values (exactly representable
 *              as float), as numpy's edges have the input's dtype
 * @param counts values per bin ({@code density=False}); the last bin includes its right edge
 * @param density {@code counts / width / total} per bin ({@code density=True}), with the width taken in the edges'
 *                dtype; NaN for empty input
 */
public record Histogram(double[] edges, long[] counts, double[] density) {

    public Histogram {
        if (edges.length != counts.length + 1 || density.length != counts.length) {
            throw new IllegalArgumentException("a histogram needs bins + 1 edges and one count and density per bin; got "
                    + edges.length + " edges, " + counts.length + " counts, " + density.length + " densities");
        }
    }

    /** Number of bins. */
    public int bins() {
        return counts.length;
    }

    /** The left edges, {@code edges[:-1]}, which the notebook uses as the x values of its line plots. */
    public double[] leftEdges() {
        return java.util.Arrays.copyOf(edges, counts.length);
    }
}

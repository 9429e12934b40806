package laminar.analysis;

/**
 * A histogram as numpy returns it: {@code edges} has one more element than {@code values}; values are densities
 * ({@code density=True}) or counts, as the producing part says.
 */
public record Distribution(double[] edges, double[] values) {

    public Distribution {
        if (edges.length != values.length + 1) {
            throw new IllegalArgumentException(edges.length + " edges for " + values.length + " bins");
        }
    }

    /** Left edge of each bin (what the notebook plots on the x axis). */
    public double[] leftEdges() {
        return java.util.Arrays.copyOf(edges, values.length);
    }
}

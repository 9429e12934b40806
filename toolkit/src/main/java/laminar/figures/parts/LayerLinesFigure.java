package laminar.figures.parts;

import laminar.figures.plot.Figure;
import laminar.figures.plot.Panel;
import laminar.figures.plot.Plots;

/**
 * {@code ch6_proj38_part2b} and {@code ch6_proj38_part4}: one value per layer for Q-K, Q-V and K-V
 * ({@code 'rs-'}, {@code 'go-'}, {@code 'b^-'}, marker size 8, light faces at alpha 0.7), with a legend, at
 * 10 × 3 inches.
 */
public final class LayerLinesFigure {

    private LayerLinesFigure() {
    }

    static final String[] PAIRS = {"Q-K", "Q-V", "K-V"};

    /** Part 2b: correlations of the activations per layer. */
    public static Figure part2b(double[][] byLayer) {
        return build(byLayer, "Correlation coefficient",
                "Part 2b: correlation of Q, K and V activations in each layer");
    }

    /** Part 4: RSA scores per layer. */
    public static Figure part4(double[][] byLayer) {
        return build(byLayer, "RSA scores", "Part 4: RSA between the Q, K and V similarity matrices in each layer");
    }

    private static Figure build(double[][] byLayer, String yLabel, String description) {
        var plot = Plots.lines("Transformer layer", yLabel, Plots.qkvSeries(byLayer, PAIRS), true, true);
        return new Figure(10, 3, 1, 1, description).add(new Panel(plot));
    }
}

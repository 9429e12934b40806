package laminar.figures.parts;

import laminar.analysis.Part6LaminarSelectivity;
import laminar.figures.plot.Figure;
import laminar.figures.plot.Panel;
import laminar.figures.plot.Plots;

/**
 * {@code ch6_proj38_part6a}: per layer, the within − across difference of mean similarity and the t value for Q,
 * K and V (red squares, green circles, blue triangles), 1 × 2 panels at 12 × 3 inches.
 */
public final class Part6aFigure {

    private Part6aFigure() {
    }

    static final String[] KINDS = {"Q", "K", "V"};

    public static Figure build(Part6LaminarSelectivity sel) {
        Figure f = new Figure(12, 3, 1, 2, "Part 6a: category selectivity of Q, K and V in each layer");
        f.add(new Panel(Plots.lines("Transformer layer", "Differences",
                Plots.qkvSeries(column(sel, Part6LaminarSelectivity.DIFFERENCE), KINDS), true, true))
                .title("A) Within - Across"));
        f.add(new Panel(Plots.lines("Transformer layer", "Selectivity (t-stat)",
                Plots.qkvSeries(column(sel, Part6LaminarSelectivity.T), KINDS), true, true))
                .title("B) T values"));
        return f;
    }

    /** {@code values[:, :, what]}: {@code [layer][Q, K, V]}. */
    static double[][] column(Part6LaminarSelectivity sel, int what) {
        double[][][] v = sel.values();
        double[][] out = new double[v.length][3];
        for (int l = 0; l < v.length; l++) {
            for (int k = 0; k < 3; k++) {
                out[l][k] = v[l][k][what];
            }
        }
        return out;
    }
}

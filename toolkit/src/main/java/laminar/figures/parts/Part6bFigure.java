package laminar.figures.parts;

import laminar.analysis.Part6LaminarSelectivity;
import laminar.figures.plot.ColorBar;
import laminar.figures.plot.ColorMap;
import laminar.figures.plot.Figure;
import laminar.figures.plot.Marker;
import laminar.figures.plot.Panel;
import laminar.figures.plot.Plots;
import laminar.figures.plot.ScatterLayer;
import laminar.figures.plot.Style;

import java.awt.Color;

/**
 * {@code ch6_proj38_part6b} and {@code ch6_proj38_part7b}: differences and t values against the average
 * similarity, one marker per layer and Q/K/V ({@code 'ko'} and {@code 'ks'}, faces coloured by layer with the
 * {@code rainbow} map normalised to 0..n_layers, alpha 0.7), with a colour bar labelled {@code Transformer layer}
 * right of the second panel; 1 × 2 panels at 8 × 3 inches. Part 7b is the same figure on Fisher-z values, with
 * the axis labels the notebook's commented-out lines give it.
 */
public final class Part6bFigure {

    private Part6bFigure() {
    }

    public static Figure build(Part6LaminarSelectivity sel, boolean fisherZ) {
        double[][][] v = sel.values();
        int nLayers = v.length;
        int n = nLayers * 3;
        float[] diff = new float[n];
        float[] t = new float[n];
        float[] avg = new float[n];
        int[] faces = new int[n];
        for (int l = 0; l < nLayers; l++) {
            Color c = ColorMap.RAINBOW.color(l, 0, nLayers);
            int face = (178 << 24) | (c.getRGB() & 0xffffff);
            for (int k = 0; k < 3; k++) {
                int i = l * 3 + k;
                diff[i] = (float) v[l][k][Part6LaminarSelectivity.DIFFERENCE];
                t[i] = (float) v[l][k][Part6LaminarSelectivity.T];
                avg[i] = (float) v[l][k][Part6LaminarSelectivity.AVERAGE];
                faces[i] = face;
            }
        }
        Marker circle = new Marker(Marker.Kind.CIRCLE, 6, Color.WHITE, Style.BLACK, 1).withAlpha(.7);
        Marker square = new Marker(Marker.Kind.SQUARE, 6, Color.WHITE, Style.BLACK, 1).withAlpha(.7);
        String avgLabel = fisherZ ? "Fisher-z(cos.sim) ave." : "Average cosine similarity";
        String diffLabel = fisherZ ? "Fisher-z(cos.sim) diffs" : "Cosine similarity differences";
        String what = fisherZ ? "Part 7b: Fisher-z" : "Part 6b: cosine-similarity";
        Figure f = new Figure(8, 3, 1, 2, what + " selectivity against average similarity, coloured by layer");
        f.add(new Panel(Plots.scatter(diffLabel, avgLabel, new ScatterLayer(diff, avg, circle, faces)))
                .title("A) Differences vs. averages"));
        f.add(new Panel(Plots.scatter("T-values", avgLabel, new ScatterLayer(t, avg, square, faces)))
                .title("B) T-values vs. averages")
                .colorBar(ColorBar.right(ColorMap.RAINBOW, 0, nLayers, "Transformer layer")));
        return f;
    }
}

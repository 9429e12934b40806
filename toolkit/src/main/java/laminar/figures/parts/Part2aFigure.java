package laminar.figures.parts;

import laminar.analysis.LaminarResults;
import laminar.analysis.Part2Correlations;
import laminar.analysis.QkvPair;
import laminar.figures.plot.Figure;
import laminar.figures.plot.Marker;
import laminar.figures.plot.Panel;
import laminar.figures.plot.Plots;
import laminar.figures.plot.PyFormat;
import laminar.figures.plot.ScatterLayer;
import laminar.figures.plot.Style;
import laminar.model.Activations;
import laminar.model.Qkv;

/**
 * {@code ch6_proj38_part2a}: the chosen layer's flattened Q, K and V activations at the correlation position
 * plotted against each other ({@code 'k.'}, edge width 0.4, light red / green / blue faces at alpha 0.3), with
 * Pearson r to three decimals in each title, 1 × 3 panels at 12 × 3.5 inches. Each panel holds words × n_embd
 * points, so it is a raster layer from {@link ScatterLayer#VECTOR_LIMIT} points on.
 */
public final class Part2aFigure {

    private Part2aFigure() {
    }

    public static Figure build(LaminarResults r, Activations acts) {
        if (acts == null) {
            throw new IllegalArgumentException("part2a plots the activations themselves; none were given");
        }
        Part2Correlations p2 = r.part2();
        int layer = p2.layer();
        float[][] qkv = new float[3][];
        for (Qkv kind : Qkv.values()) {
            qkv[kind.ordinal()] = acts.rows(layer, kind, p2.position());
        }
        double[] rs = p2.chosen();
        Figure f = new Figure(12, 3.5, 1, 3, "Part 2a: Q, K and V activations of layer " + layer
                + " at token position " + p2.position() + " against each other");
        for (QkvPair pair : QkvPair.values()) {
            int i = pair.ordinal();
            Marker m = Marker.of(Marker.Kind.POINT, 6, Style.qkvFace(i, .3), Style.BLACK, .4);
            ScatterLayer layerPoints = new ScatterLayer(qkv[pair.first().ordinal()], qkv[pair.second().ordinal()], m);
            f.add(new Panel(Plots.scatter(pair.first() + " activations", pair.second() + " activations", layerPoints))
                    .title(titleOf(pair, rs[i])));
        }
        return f;
    }

    /** The notebook's {@code f'Q by K (r = {r:.3f})'}. */
    static String titleOf(QkvPair pair, double r) {
        return pair.first() + " by " + pair.second() + " (r = " + PyFormat.fixed(r, 3) + ")";
    }
}

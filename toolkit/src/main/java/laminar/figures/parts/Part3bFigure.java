package laminar.figures.parts;

import laminar.analysis.LaminarResults;
import laminar.analysis.Part3Similarity;
import laminar.analysis.QkvPair;
import laminar.figures.plot.Figure;
import laminar.figures.plot.Marker;
import laminar.figures.plot.Panel;
import laminar.figures.plot.Plots;
import laminar.figures.plot.PyFormat;
import laminar.figures.plot.ScatterLayer;
import laminar.figures.plot.Style;

/**
 * {@code ch6_proj38_part3b}: RSA scatter plots of the strict upper triangles of the Q, K and V similarity
 * matrices ({@code 'k.'}, marker size 8, light faces at alpha 0.7) with r to three decimals in the titles, 1 × 3
 * panels at 10 × 3 inches. n(n-1)/2 points per panel: vectors for the notebook's 561 pairs, a raster layer from
 * {@link ScatterLayer#VECTOR_LIMIT} on.
 */
public final class Part3bFigure {

    private Part3bFigure() {
    }

    public static Figure build(LaminarResults r) {
        Part3Similarity p3 = r.part3();
        float[][] tri = new float[3][];
        for (int k = 0; k < 3; k++) {
            tri[k] = p3.upperTriangle(k);
        }
        Figure f = new Figure(10, 3, 1, 3, "Part 3b: RSA between the Q, K and V cosine similarities, layer "
                + p3.layer());
        for (QkvPair pair : QkvPair.values()) {
            int i = pair.ordinal();
            Marker m = Marker.of(Marker.Kind.POINT, 8, Style.qkvFace(i, .7), Style.BLACK, .4);
            ScatterLayer points = new ScatterLayer(tri[pair.first().ordinal()], tri[pair.second().ordinal()], m);
            f.add(new Panel(Plots.scatter(pair.first() + " cossim", pair.second() + " cossim", points))
                    .title(titleOf(pair, p3.rsa()[i])));
        }
        return f;
    }

    /** The notebook's {@code f'Q and K (r = {r:.3f})'}. */
    static String titleOf(QkvPair pair, double r) {
        return pair.first() + " and " + pair.second() + " (r = " + PyFormat.fixed(r, 3) + ")";
    }
}

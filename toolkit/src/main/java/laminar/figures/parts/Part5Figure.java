package laminar.figures.parts;

import laminar.analysis.Distribution;
import laminar.analysis.LaminarResults;
import laminar.analysis.Part5LayerSelectivity;
import laminar.figures.plot.Figure;
import laminar.figures.plot.Panel;
import laminar.figures.plot.Plots;
import laminar.figures.plot.PyFormat;
import laminar.figures.plot.Style;
import laminar.model.Qkv;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;

import java.util.List;

/**
 * {@code ch6_proj38_part5}: density of within- and across-category cosine similarities of Q, K and V in one layer
 * (left bin edges against density, line width 2, matplotlib's first two cycle colours), t to two decimals in the
 * titles, y from 0, and the suptitle naming the layer; 1 × 3 panels at 12 × 3 inches.
 */
public final class Part5Figure {

    private Part5Figure() {
    }

    public static Figure build(LaminarResults r) {
        Part5LayerSelectivity p5 = r.part5();
        Figure f = new Figure(12, 3, 1, 3, "Part 5: category selectivity of Q, K and V in layer " + p5.layer())
                .suptitle(suptitleOf(p5.layer()));
        String[] letters = {"A", "B", "C"};
        for (Qkv kind : Qkv.values()) {
            int k = kind.ordinal();
            Distribution w = p5.within()[k];
            Distribution a = p5.across()[k];
            XYPlot plot = Plots.lines("Cosine similarity", "Density", List.of(
                    new Plots.Series("Within", w.leftEdges(), w.values(), Style.C0, Style.line(2), null),
                    new Plots.Series("Across", a.leftEdges(), a.values(), Style.C1, Style.line(2), null)),
                    true, false);
            NumberAxis y = (NumberAxis) plot.getRangeAxis();
            y.setAutoRangeIncludesZero(true); // ylim=[0, None]
            y.setAutoRangeStickyZero(true);
            if (!defined(w) && !defined(a)) {
                // Every similarity NaN (zero or non-finite activations): an empty panel over the cosine range
                // instead of an axis auto-ranged on nothing.
                plot.getDomainAxis().setRange(-1, 1);
                y.setRange(0, 1);
            }
            f.add(new Panel(plot).title(titleOf(letters[k], kind, p5.t()[k])));
        }
        return f;
    }

    private static boolean defined(Distribution d) {
        for (double v : d.values()) {
            if (Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    /** The notebook's {@code f'A) Q (t = {t:.2f})'}. */
    static String titleOf(String letter, Qkv kind, double t) {
        return letter + ") " + kind + " (t = " + PyFormat.fixed(t, 2) + ")";
    }

    static String suptitleOf(int layer) {
        return "Category-specific similarity distributions, layer " + layer;
    }
}

package laminar.figures.parts;

import laminar.analysis.LaminarResults;
import laminar.analysis.Part3Similarity;
import laminar.figures.plot.ColorBar;
import laminar.figures.plot.ColorMap;
import laminar.figures.plot.Figure;
import laminar.figures.plot.MatrixImage;
import laminar.figures.plot.Panel;
import laminar.figures.plot.Plots;
import laminar.figures.plot.Style;
import laminar.model.Qkv;
import org.jfree.chart.plot.XYPlot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code ch6_proj38_part3a}: the Q, K and V cosine-similarity matrices of one layer ({@code magma}, 0.3 to 1,
 * horizontal colour bar under each), with white dashed lines at the category boundaries, 1 × 3 panels at 10 × 3
 * inches. The notebook's words come sorted by category; here the boundaries come from the actual categories, and
 * when the words are not sorted, rows and columns are shown sorted by category (stable, so words keep their input
 * order within a category) and the caption says so.
 */
public final class Part3aFigure {

    static final double VMIN = 0.3;
    static final double VMAX = 1.0;
    public static final String SORTED_CAPTION = "Rows and columns sorted by category for display (the word list is not"
            + " in category order); dashed lines mark category boundaries.";

    private Part3aFigure() {
    }

    public static Figure build(LaminarResults r) {
        Part3Similarity p3 = r.part3();
        int n = p3.n();
        int[] codes = r.words().categoryCodes();
        if (codes.length != n) {
            throw new IllegalArgumentException(codes.length + " words but " + n + " x " + n + " similarity matrices");
        }
        int[] order = displayOrder(codes);
        double[] bounds = boundaries(codes, order);
        Figure f = new Figure(10, 3, 1, 3, "Part 3a: cosine similarities of Q, K and V at the last token, layer "
                + p3.layer());
        String[] letters = {"A", "B", "C"};
        for (Qkv kind : Qkv.values()) {
            int k = kind.ordinal();
            MatrixImage image = new MatrixImage(MatrixImage.of(p3.cosine()[k], n, order), ColorMap.MAGMA, VMIN, VMAX);
            XYPlot plot = Plots.image(n, image, null, "Words");
            plot.getDomainAxis().setTickLabelsVisible(false);
            for (double b : bounds) {
                plot.addAnnotation(Plots.rule(true, b, -0.5, n - 0.5, Style.dashed(.5), Color.WHITE), false);
                plot.addAnnotation(Plots.rule(false, b, -0.5, n - 0.5, Style.dashed(.5), Color.WHITE), false);
            }
            f.add(new Panel(plot).title(letters[k] + ") " + kind + " cosine similarities").square()
                    .colorBar(ColorBar.below(ColorMap.MAGMA, VMIN, VMAX)));
        }
        if (order != null) {
            f.caption(SORTED_CAPTION);
        }
        return f;
    }

    /** Rows sorted by category code (stable), or {@code null} when they already are. */
    static int[] displayOrder(int[] codes) {
        boolean sorted = true;
        for (int i = 1; i < codes.length; i++) {
            sorted &= codes[i - 1] <= codes[i];
        }
        if (sorted) {
            return null;
        }
        return IntStream.range(0, codes.length).boxed()
                .sorted(Comparator.comparingInt(i -> codes[i]))
                .mapToInt(Integer::intValue).toArray();
    }

    /** Positions ({@code k - 0.5}) between consecutive display rows of different categories. */
    static double[] boundaries(int[] codes, int[] order) {
        List<Double> out = new ArrayList<>();
        for (int i = 1; i < codes.length; i++) {
            int a = codes[order == null ? i - 1 : order[i - 1]];
            int b = codes[order == null ? i : order[i]];
            if (a != b) {
                out.add(i - 0.5);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}

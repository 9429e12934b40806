package laminar.figures.parts;

import laminar.analysis.PerHead;
import laminar.analysis.inference.HeadInference;
import laminar.analysis.inference.Inference;
import laminar.analysis.inference.Statistic;
import laminar.figures.Figures;
import laminar.figures.plot.ColorBar;
import laminar.figures.plot.ColorMap;
import laminar.figures.plot.Drawing;
import laminar.figures.plot.Figure;
import laminar.figures.plot.MatrixImage;
import laminar.figures.plot.Panel;
import laminar.figures.plot.Plots;

import org.jfree.chart.annotations.XYShapeAnnotation;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static laminar.analysis.inference.Inference.ALPHA;

/**
 * The per-head figures of {@code --per-head}: layer × head maps (layers down, heads across, {@code viridis}).
 * {@code heads_selectivity} shows the within − across difference (top row) and its t (bottom row) for Q, K and V;
 * {@code heads_rsa} the RSA of each head's Q–K, Q–V and K–V. The panels of a row share one colour range (the
 * row's smallest to largest finite value, colour bar below) so Q, K and V can be compared by colour. With the
 * per-head inference, a cell whose test is significant after correction (max-statistic p_FWER over layers × heads
 * × 3, {@link Inference#significant}) is outlined in red, and a caption says so: the difference row by
 * {@code selectivity_diff}'s test, the t row by {@code selectivity_t}'s, the RSA maps by the Mantel test's.
 */
public final class HeadsFigures {

    /** The figures' names, in the order written. */
    public static final List<String> NAMES = List.of("heads_selectivity", "heads_rsa");

    /** The outline of a significant cell: red is not in viridis. */
    private static final java.awt.Color MARK = new java.awt.Color(0xd6, 0x27, 0x28);

    private static final String[] KINDS = {"Q", "K", "V"};
    private static final String[] PAIRS = {"QK", "QV", "KV"};

    private HeadsFigures() {
    }

    /** Writes both figures to {@code dir}; the report says which failed and why. */
    public static Figures.Report writeAll(PerHead heads, Path dir) {
        return writeAll(heads, null, dir);
    }

    /** Both figures, the significant cells of {@code inference} outlined (none when it is null). */
    public static Figures.Report writeAll(PerHead heads, HeadInference inference, Path dir) {
        Map<String, Supplier<Drawing>> figures = new LinkedHashMap<>();
        figures.put(NAMES.get(0), () -> selectivity(heads, inference));
        figures.put(NAMES.get(1), () -> rsa(heads, inference));
        return Figures.write(figures, dir);
    }

    static Figure selectivity(PerHead heads) {
        return selectivity(heads, null);
    }

    static Figure selectivity(PerHead heads, HeadInference inference) {
        Figure f = new Figure(12, 7, 2, 3, "Per-head selectivity at the last token: within - across (top) and t"
                + " (bottom), layers x heads" + outlined(inference));
        String[] measures = {"within - across", "t"};
        Statistic[] tests = {Statistic.SELECTIVITY_DIFF, Statistic.SELECTIVITY_T};
        for (int m = 0; m < 2; m++) {
            double[][][] maps = new double[3][][];
            for (int k = 0; k < 3; k++) {
                maps[k] = slice(heads.selectivity(), k, m);
            }
            addRow(f, maps, KINDS, measures[m], significant(inference, tests[m]));
        }
        return captioned(f, inference);
    }

    static Figure rsa(PerHead heads) {
        return rsa(heads, null);
    }

    static Figure rsa(PerHead heads, HeadInference inference) {
        Figure f = new Figure(12, 3.8, 1, 3, "Per-head RSA between Q, K and V (each query head with its K/V group),"
                + " layers x heads" + outlined(inference));
        double[][][] maps = new double[3][][];
        for (int p = 0; p < 3; p++) {
            int pair = p;
            maps[p] = java.util.Arrays.stream(heads.rsa())
                    .map(layer -> java.util.Arrays.stream(layer).mapToDouble(h -> h[pair]).toArray())
                    .toArray(double[][]::new);
        }
        addRow(f, maps, PAIRS, "RSA", significant(inference, Statistic.RSA));
        return captioned(f, inference);
    }

    /** Whether the maps carry outlines: a per-head inference with permutation tests. */
    private static boolean tested(HeadInference inference) {
        return inference != null && inference.cells().permutations() > 0;
    }

    /** The caption of a figure with outlines: what they mean, for a reader of the image alone. */
    private static Figure captioned(Figure f, HeadInference inference) {
        return !tested(inference) ? f : f.caption("Red outline: p_FWER <= " + ALPHA + " (max-statistic over layers"
                + " x heads x 3, " + inference.cells().permutations() + " permutations)");
    }

    private static String outlined(HeadInference inference) {
        return !tested(inference) ? "" : "; outlined: p_FWER <= " + ALPHA + " over layers x heads x 3";
    }

    /**
     * {@code [Q/K/V or pair][layer][head]}: whether the cell is {@link Inference#significant}; null without an
     * inference.
     */
    static boolean[][][] significant(HeadInference inference, Statistic s) {
        if (inference == null) {
            return null;
        }
        double[][][] fwer = inference.byHead(inference.of(s).pFwer());
        boolean[][][] out = new boolean[3][inference.layers()][inference.heads()];
        for (int l = 0; l < inference.layers(); l++) {
            for (int h = 0; h < inference.heads(); h++) {
                for (int k = 0; k < 3; k++) {
                    out[k][l][h] = Inference.significant(fwer[l][h][k]);
                }
            }
        }
        return out;
    }

    /** {@code [layer][head]} of one Q/K/V kind and one selectivity measure (0 difference, 1 t, 2 average). */
    static double[][] slice(double[][][][] byLayerHead, int kind, int measure) {
        double[][] out = new double[byLayerHead.length][];
        for (int l = 0; l < out.length; l++) {
            out[l] = new double[byLayerHead[l].length];
            for (int h = 0; h < out[l].length; h++) {
                out[l][h] = byLayerHead[l][h][kind][measure];
            }
        }
        return out;
    }

    /** A red square just inside each marked cell (row = layer, column = head; y runs down as in the image). */
    private static void outline(org.jfree.chart.plot.XYPlot plot, boolean[][] marked) {
        java.awt.Stroke stroke = new java.awt.BasicStroke(2f);
        for (int l = 0; l < marked.length; l++) {
            for (int h = 0; h < marked[l].length; h++) {
                if (marked[l][h]) {
                    plot.addAnnotation(new CellOutline(l, h, stroke), false);
                }
            }
        }
    }

    /** The red square of a significant cell, which knows its cell. */
    static final class CellOutline extends XYShapeAnnotation {

        private static final long serialVersionUID = 1L;

        final int layer;
        final int head;

        CellOutline(int layer, int head, java.awt.Stroke stroke) {
            super(new java.awt.geom.Rectangle2D.Double(head - 0.42, layer - 0.42, 0.84, 0.84), stroke, MARK);
            this.layer = layer;
            this.head = head;
        }
    }

    /** The colour range shared by a row's maps: smallest and largest finite value ([0, 1] when there is none). */
    static double[] range(double[][][] maps) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[][] map : maps) {
            for (double[] row : map) {
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        // a constant map still needs a non-empty range: its cells take the colour map's lowest colour
        return hi > lo ? new double[] {lo, hi} : new double[] {lo, lo + Math.max(1e-12, Math.abs(lo) * 1e-9)};
    }

    private static void addRow(Figure f, double[][][] maps, String[] names, String measure, boolean[][][] marks) {
        double[] range = range(maps);
        for (int k = 0; k < maps.length; k++) {
            double[][] map = maps[k];
            int cols = map.length == 0 ? 0 : map[0].length;
            MatrixImage image = new MatrixImage(MatrixImage.of(map), ColorMap.VIRIDIS, range[0], range[1]);
            org.jfree.chart.plot.XYPlot plot = Plots.image(map.length, cols, image, "Head", "Layer");
            if (marks != null) {
                outline(plot, marks[k]);
            }
            f.add(new Panel(plot)
                    .title(names[k] + ": " + measure)
                    .colorBar(ColorBar.belowAxis(ColorMap.VIRIDIS, range[0], range[1])));
        }
    }
}

package laminar.figures.parts;

import laminar.analysis.PerHead;
import laminar.figures.Figures;
import laminar.figures.plot.ColorBar;
import laminar.figures.plot.ColorMap;
import laminar.figures.plot.Drawing;
import laminar.figures.plot.Figure;
import laminar.figures.plot.MatrixImage;
import laminar.figures.plot.Panel;
import laminar.figures.plot.Plots;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The per-head figures of {@code --per-head}: layer × head maps (layers down, heads across, {@code viridis}).
 * {@code heads_selectivity} shows the within − across difference (top row) and its t (bottom row) for Q, K and V;
 * {@code heads_rsa} the RSA of each head's Q–K, Q–V and K–V. The panels of a row share one colour range (the
 * row's smallest to largest finite value, colour bar below) so Q, K and V can be compared by colour.
 */
public final class HeadsFigures {

    /** The figures' names, in the order written. */
    public static final List<String> NAMES = List.of("heads_selectivity", "heads_rsa");

    private static final String[] KINDS = {"Q", "K", "V"};
    private static final String[] PAIRS = {"QK", "QV", "KV"};

    private HeadsFigures() {
    }

    /** Writes both figures to {@code dir}; the report says which failed and why. */
    public static Figures.Report writeAll(PerHead heads, Path dir) {
        Map<String, Supplier<Drawing>> figures = new LinkedHashMap<>();
        figures.put(NAMES.get(0), () -> selectivity(heads));
        figures.put(NAMES.get(1), () -> rsa(heads));
        return Figures.write(figures, dir);
    }

    static Figure selectivity(PerHead heads) {
        Figure f = new Figure(12, 7, 2, 3, "Per-head selectivity at the last token: within - across (top) and t"
                + " (bottom), layers x heads");
        String[] measures = {"within - across", "t"};
        for (int m = 0; m < 2; m++) {
            double[][][] maps = new double[3][][];
            for (int k = 0; k < 3; k++) {
                maps[k] = slice(heads.selectivity(), k, m);
            }
            addRow(f, maps, KINDS, measures[m]);
        }
        return f;
    }

    static Figure rsa(PerHead heads) {
        Figure f = new Figure(12, 3.8, 1, 3, "Per-head RSA between Q, K and V (each query head with its K/V group),"
                + " layers x heads");
        double[][][] maps = new double[3][][];
        for (int p = 0; p < 3; p++) {
            int pair = p;
            maps[p] = java.util.Arrays.stream(heads.rsa())
                    .map(layer -> java.util.Arrays.stream(layer).mapToDouble(h -> h[pair]).toArray())
                    .toArray(double[][]::new);
        }
        addRow(f, maps, PAIRS, "RSA");
        return f;
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

    private static void addRow(Figure f, double[][][] maps, String[] names, String measure) {
        double[] range = range(maps);
        for (int k = 0; k < maps.length; k++) {
            double[][] map = maps[k];
            int cols = map.length == 0 ? 0 : map[0].length;
            MatrixImage image = new MatrixImage(MatrixImage.of(map), ColorMap.VIRIDIS, range[0], range[1]);
            f.add(new Panel(Plots.image(map.length, cols, image, "Head", "Layer"))
                    .title(names[k] + ": " + measure)
                    .colorBar(ColorBar.belowAxis(ColorMap.VIRIDIS, range[0], range[1])));
        }
    }
}

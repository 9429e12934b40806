package laminar.figures.parts;

import laminar.figures.plot.Figure;
import laminar.figures.plot.Marker;
import laminar.figures.plot.Panel;
import laminar.figures.plot.Plots;
import laminar.figures.plot.Style;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code laminar compare}'s figures: one profile of several runs, one panel per column (Q, K, V or the pairs),
 * one line per run (the runs in matplotlib's tab10 colours), at 14 × 3.5 inches.
 */
public final class CompareFigure {

    /** matplotlib's tab10 cycle. */
    private static final Color[] RUN_COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};

    private static final Marker.Kind[] MARKERS = {Marker.Kind.CIRCLE, Marker.Kind.SQUARE, Marker.Kind.TRIANGLE_UP};

    /**
     * One run's profile.
     *
     * @param label the run's name in the legend
     * @param x layer positions (layer indices or relative depths)
     * @param values {@code [layer][column]}
     */
    public record Run(String label, double[] x, double[][] values) {
    }

    private CompareFigure() {
    }

    /** The figure of one profile over {@code runs}. */
    public static Figure build(String title, String xLabel, String yLabel, String[] columns, List<Run> runs) {
        Figure f = new Figure(14, 3.5, 1, columns.length, "Comparison: " + title);
        boolean integerX = xLabel.equals("Transformer layer");
        for (int c = 0; c < columns.length; c++) {
            List<Plots.Series> series = new ArrayList<>();
            for (int r = 0; r < runs.size(); r++) {
                Run run = runs.get(r);
                double[] y = new double[run.values().length];
                for (int l = 0; l < y.length; l++) {
                    y[l] = run.values()[l][c];
                }
                Color color = RUN_COLORS[r % RUN_COLORS.length];
                Marker m = new Marker(MARKERS[r % MARKERS.length], 6, color, color, 1);
                series.add(new Plots.Series(run.label(), run.x(), y, color, Style.line(1.5), m));
            }
            f.add(new Panel(Plots.lines(xLabel, yLabel, series, c == 0, integerX)).title(columns[c]));
        }
        return f.suptitle(title);
    }
}

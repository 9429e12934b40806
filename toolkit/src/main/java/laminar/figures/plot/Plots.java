package laminar.figures.plot;

import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultXYDataset;

import java.awt.Color;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.List;

/** Builders for the three kinds of axes the notebook draws: lines with markers, scatter clouds and images. */
public final class Plots {

    private Plots() {
    }

    /**
     * One {@code plt.plot(x, y, fmt, label=...)}: line colour and width ({@code null} stroke: no line), marker; a
     * {@code null} label gives no legend entry ({@code label='_nolegend_'}).
     */
    public record Series(String label, double[] x, double[] y, Color color, Stroke stroke, Marker marker) {
    }

    /** Lines (with markers) on matplotlib-like axes, with a {@code 'best'}-placed legend when {@code legend}. */
    public static XYPlot lines(String xLabel, String yLabel, List<Series> series, boolean legend, boolean integerX) {
        MplAxis x = Style.axis(xLabel);
        if (integerX) {
            x.integerTicks();
        }
        MplAxis y = Style.axis(yLabel);
        XYPlot plot = Style.plot(x, y);
        DefaultXYDataset data = new DefaultXYDataset();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setUseFillPaint(true);
        r.setUseOutlinePaint(true);
        r.setDrawOutlines(true);
        r.setAutoPopulateSeriesPaint(false);
        r.setAutoPopulateSeriesShape(false);
        r.setAutoPopulateSeriesStroke(false);
        r.setAutoPopulateSeriesFillPaint(false);
        r.setAutoPopulateSeriesOutlinePaint(false);
        r.setAutoPopulateSeriesOutlineStroke(false);
        List<Legend.Entry> entries = new ArrayList<>();
        List<double[][]> points = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            data.addSeries(i + ":" + s.label(), new double[][]{s.x(), s.y()});
            r.setSeriesPaint(i, s.color());
            r.setSeriesLinesVisible(i, s.stroke() != null);
            if (s.stroke() != null) {
                r.setSeriesStroke(i, s.stroke());
            }
            Marker m = s.marker();
            r.setSeriesShapesVisible(i, m != null);
            if (m != null) {
                r.setSeriesShape(i, m.shape());
                r.setSeriesFillPaint(i, m.face());
                r.setSeriesOutlinePaint(i, m.edge());
                r.setSeriesOutlineStroke(i, m.edgeStroke(1));
            }
            if (s.label() != null) { // a series without a label has no entry, but the legend keeps clear of it
                entries.add(new Legend.Entry(s.label(), s.color(), s.stroke(), m));
            }
            points.add(new double[][]{s.x(), s.y()});
        }
        plot.setDataset(data);
        plot.setRenderer(r);
        if (legend) {
            plot.addAnnotation(new Legend(entries, points), false);
        }
        return plot;
    }

    /** The notebook's three per-layer series: red squares, green circles, blue triangles ({@code 'rs-'} etc.). */
    public static List<Series> qkvSeries(double[][] byLayer, String[] labels) {
        int n = byLayer.length;
        double[] layers = new double[n];
        for (int l = 0; l < n; l++) {
            layers[l] = l;
        }
        List<Series> out = new ArrayList<>();
        Color[] colors = {Style.RED, Style.GREEN, Style.BLUE};
        for (int k = 0; k < 3; k++) {
            double[] v = new double[n];
            for (int l = 0; l < n; l++) {
                v[l] = byLayer[l][k];
            }
            out.add(new Series(labels[k], layers, v, colors[k], Style.line(1.5), Style.qkvMarker(k, .7, 8)));
        }
        return out;
    }

    /** A scatter cloud on matplotlib-like axes (auto ranges with 5% margins, like {@code plt.plot}). */
    public static XYPlot scatter(String xLabel, String yLabel, ScatterLayer layer) {
        XYPlot plot = Style.plot(Style.axis(xLabel), Style.axis(yLabel));
        plot.setRenderer(new XYLineAndShapeRenderer(false, false)); // draws nothing, but JFreeChart's grid needs one
        plot.addAnnotation(layer, false);
        return plot;
    }

    /** {@code imshow} axes for an {@code n × n} image: -0.5 to n - 0.5, row 0 at the top, no margins. */
    public static XYPlot image(int n, MatrixImage image, String xLabel, String yLabel) {
        return image(n, n, image, xLabel, yLabel);
    }

    /** {@code imshow} axes for a {@code rows × cols} image: x from -0.5 to cols - 0.5, y from -0.5 to rows - 0.5. */
    public static XYPlot image(int rows, int cols, MatrixImage image, String xLabel, String yLabel) {
        MplAxis x = Style.axis(xLabel).integerTicks();
        MplAxis y = Style.axis(yLabel).integerTicks();
        x.setAutoRange(false);
        x.setRange(-0.5, cols - 0.5);
        y.setAutoRange(false);
        y.setRange(-0.5, rows - 0.5);
        y.setInverted(true);
        XYPlot plot = Style.plot(x, y);
        plot.addAnnotation(image, false);
        return plot;
    }

    /** A full-width horizontal or vertical line at {@code value} (matplotlib's {@code axhline}/{@code axvline}). */
    public static XYLineAnnotation rule(boolean horizontal, double value, double from, double to, Stroke stroke, Color c) {
        return horizontal
                ? new XYLineAnnotation(from, value, to, value, stroke, c)
                : new XYLineAnnotation(value, from, value, to, stroke, c);
    }
}

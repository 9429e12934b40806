package laminar.figures.plot;

import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * matplotlib's {@code ax.legend()} inside the axes: a rounded, 80% opaque white box with a light grey edge, one
 * row per entry (line sample with the marker in its middle, then the label), at the {@code 'best'} location, i.e.
 * the first of matplotlib's nine candidate places that covers the fewest data points and line segments.
 */
public final class Legend extends AbstractXYAnnotation {

    private static final long serialVersionUID = 1L;

    /** One legend row: the line ({@code null}: none) and marker ({@code null}: none) of a series. */
    public record Entry(String label, Color lineColor, Stroke lineStroke, Marker marker) {
    }

    private static final double FONT = 10;
    private static final double BORDER_PAD = 0.4 * FONT;
    private static final double LABEL_SPACING = 0.5 * FONT;
    private static final double HANDLE_LENGTH = 2.0 * FONT;
    private static final double HANDLE_TEXT_PAD = 0.8 * FONT;
    private static final double AXES_PAD = 0.5 * FONT;

    private final List<Entry> entries;
    private final List<double[][]> data; // {x[], y[]} per series, for 'best'

    public Legend(List<Entry> entries, List<double[][]> data) {
        this.entries = List.copyOf(entries);
        this.data = new ArrayList<>(data);
    }

    public List<Entry> entries() {
        return entries;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
                     int rendererIndex, PlotRenderingInfo info) {
        g2.setFont(Style.LEGEND_FONT);
        FontMetrics fm = g2.getFontMetrics();
        // matplotlib lays legend rows out by the height of "lp" (ascender to descender), not the font's line height
        double textH = Style.LEGEND_FONT.createGlyphVector(g2.getFontRenderContext(), "lp").getVisualBounds()
                .getHeight();
        double labelW = 0;
        for (Entry e : entries) {
            labelW = Math.max(labelW, fm.getStringBounds(e.label(), g2).getWidth());
        }
        double w = 2 * BORDER_PAD + HANDLE_LENGTH + HANDLE_TEXT_PAD + labelW;
        double h = 2 * BORDER_PAD + entries.size() * textH + (entries.size() - 1) * LABEL_SPACING;
        Rectangle2D box = best(w, h, dataArea, plot, domainAxis, rangeAxis);

        g2.setPaint(new Color(255, 255, 255, 204));
        RoundRectangle2D frame = new RoundRectangle2D.Double(box.getX(), box.getY(), w, h, 4, 4);
        g2.fill(frame);
        g2.setPaint(new Color(204, 204, 204));
        g2.setStroke(new BasicStroke(1f));
        g2.draw(frame);

        double y = box.getY() + BORDER_PAD;
        for (Entry e : entries) {
            double mid = y + textH / 2;
            double hx = box.getX() + BORDER_PAD;
            if (e.lineStroke() != null) {
                g2.setPaint(e.lineColor());
                g2.setStroke(e.lineStroke());
                g2.draw(new Line2D.Double(hx, mid, hx + HANDLE_LENGTH, mid));
            }
            if (e.marker() != null) {
                var shape = e.marker().shape(hx + HANDLE_LENGTH / 2, mid, 1);
                g2.setPaint(e.marker().face());
                g2.fill(shape);
                g2.setPaint(e.marker().edge());
                g2.setStroke(e.marker().edgeStroke(1));
                g2.draw(shape);
            }
            g2.setPaint(Color.BLACK);
            g2.drawString(e.label(), (float) (hx + HANDLE_LENGTH + HANDLE_TEXT_PAD),
                    (float) (mid + textH / 2 - descent(g2)));
            y += textH + LABEL_SPACING;
        }
    }

    private static double descent(Graphics2D g2) {
        var b = Style.LEGEND_FONT.createGlyphVector(g2.getFontRenderContext(), "lp").getVisualBounds();
        return b.getMaxY();
    }

    /**
     * matplotlib's {@code _find_best_position}: badness = data vertices inside the box + lines crossing it (one
     * per line); the first candidate with badness 0 wins, else the lowest badness, ties to the earlier candidate.
     */
    private Rectangle2D best(double w, double h, Rectangle2D area, XYPlot plot, ValueAxis xAxis, ValueAxis yAxis) {
        double l = area.getX() + AXES_PAD;
        double r = area.getMaxX() - AXES_PAD - w;
        double t = area.getY() + AXES_PAD;
        double b = area.getMaxY() - AXES_PAD - h;
        double cx = area.getCenterX() - w / 2;
        double cy = area.getCenterY() - h / 2;
        // upper right, upper left, lower left, lower right, right, center left, center right, lower/upper center,
        // center: matplotlib's order of codes 1..10 ('right' is the same place as 'center right')
        double[][] candidates = {{r, t}, {l, t}, {l, b}, {r, b}, {r, cy}, {l, cy}, {r, cy}, {cx, b}, {cx, t},
                {cx, cy}};
        RectangleEdge xEdge = plot.getDomainAxisEdge();
        RectangleEdge yEdge = plot.getRangeAxisEdge();
        List<double[]> points = new ArrayList<>();
        for (double[][] series : data) {
            double[] px = new double[series[0].length];
            double[] py = new double[series[0].length];
            for (int i = 0; i < px.length; i++) {
                px[i] = xAxis.valueToJava2D(series[0][i], area, xEdge);
                py[i] = yAxis.valueToJava2D(series[1][i], area, yEdge);
            }
            points.add(px);
            points.add(py);
        }
        Rectangle2D bestBox = null;
        long bestBad = Long.MAX_VALUE;
        for (double[] c : candidates) {
            Rectangle2D box = new Rectangle2D.Double(c[0], c[1], w, h);
            long bad = 0;
            for (int s = 0; s < points.size(); s += 2) {
                double[] px = points.get(s);
                double[] py = points.get(s + 1);
                boolean crosses = false;
                for (int i = 0; i < px.length; i++) {
                    if (box.contains(px[i], py[i])) {
                        bad++;
                    }
                    if (i > 0 && !crosses && box.intersectsLine(px[i - 1], py[i - 1], px[i], py[i])) {
                        crosses = true;
                    }
                }
                bad += crosses ? 1 : 0;
            }
            if (bad == 0) {
                return box;
            }
            if (bad < bestBad) {
                bestBad = bad;
                bestBox = box;
            }
        }
        return bestBox;
    }
}

package laminar.figures.plot;

import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * A matplotlib colour bar next to a panel's axes: the colour map as a strip (a small embedded image) with a black
 * outline, ticks and tick labels on the outside and an optional bold label. Horizontal bars sit under the axes
 * (Part 3a: {@code orientation='horizontal', pad=.02, fraction=.047}), vertical ones to the right (Part 6b/7b).
 * The strip is {@link #THICKNESS} points thick: matplotlib's aspect of 20 for the notebook's panel sizes.
 */
public final class ColorBar {

    static final double THICKNESS = 8;
    static final double GAP_BELOW = 5;
    static final double GAP_RIGHT = 3;

    private final ColorMap map;
    private final double vmin;
    private final double vmax;
    private final String label;
    private final boolean horizontal;
    /** A horizontal bar under the x axis' tick labels and label rather than right under the data area. */
    private final boolean underAxis;

    private ColorBar(ColorMap map, double vmin, double vmax, String label, boolean horizontal, boolean underAxis) {
        this.map = map;
        this.vmin = vmin;
        this.vmax = vmax;
        this.label = label;
        this.horizontal = horizontal;
        this.underAxis = underAxis;
    }

    /** A horizontal bar right under the data area (for panels whose x axis has no tick labels, as Part 3a). */
    public static ColorBar below(ColorMap map, double vmin, double vmax) {
        return new ColorBar(map, vmin, vmax, null, true, false);
    }

    /** A horizontal bar under a labelled x axis (tick labels and axis label stay readable above it). */
    public static ColorBar belowAxis(ColorMap map, double vmin, double vmax) {
        return new ColorBar(map, vmin, vmax, null, true, true);
    }

    public static ColorBar right(ColorMap map, double vmin, double vmax, String label) {
        return new ColorBar(map, vmin, vmax, label, false, false);
    }

    public boolean horizontal() {
        return horizontal;
    }

    /** Room the bar needs next to the axes (height below, or width to the right), in points. */
    double reserve(Graphics2D g2) {
        FontMetrics tick = g2.getFontMetrics(Style.TICK_FONT);
        double labelH = 0;
        if (label != null) {
            FontMetrics lf = g2.getFontMetrics(Style.LABEL_FONT);
            labelH = lf.getAscent() + lf.getDescent() + 4;
        }
        if (horizontal) {
            return GAP_BELOW + THICKNESS + Style.TICK_LENGTH + 3.5 + tick.getAscent() + tick.getDescent() + labelH;
        }
        // vertical bars show layers: the widest tick label is at most as wide as the largest layer number
        double widest = tick.getStringBounds(Long.toString(Math.round(Math.max(Math.abs(vmin), Math.abs(vmax)))), g2)
                .getWidth();
        return GAP_RIGHT + THICKNESS + Style.TICK_LENGTH + 3.5 + widest + labelH;
    }

    /**
     * Draws the bar along {@code axes} (the panel's data area); {@code chart} is the area the panel's axes were
     * laid out in (a {@link #belowAxis} bar goes under it).
     */
    public void draw(Graphics2D g2, Rectangle2D axes, Rectangle2D chart) {
        double top = underAxis ? chart.getMaxY() : axes.getMaxY() + GAP_BELOW;
        Rectangle2D bar = horizontal
                ? new Rectangle2D.Double(axes.getX(), top, axes.getWidth(), THICKNESS)
                : new Rectangle2D.Double(axes.getMaxX() + GAP_RIGHT, axes.getY(), THICKNESS, axes.getHeight());
        int length = Raster.pixels(horizontal ? bar.getWidth() : bar.getHeight());
        BufferedImage strip = horizontal
                ? new BufferedImage(length, 1, BufferedImage.TYPE_INT_RGB)
                : new BufferedImage(1, length, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < length; p++) {
            double v = vmin + (p + 0.5) / length * (vmax - vmin);
            int rgb = map.rgb(ColorMap.index(v, vmin, vmax));
            if (horizontal) {
                strip.setRGB(p, 0, rgb);
            } else {
                strip.setRGB(0, length - 1 - p, rgb);
            }
        }
        Raster.drawInto(g2, strip, bar);
        g2.setPaint(Color.BLACK);
        g2.setStroke(new BasicStroke(0.8f));
        g2.draw(bar);

        MplAxis axis = Style.axis(label);
        axis.setAxisLineVisible(false);
        axis.setAutoRange(false);
        axis.setRange(vmin, vmax);
        if (!horizontal) {
            axis.integerTicks(); // vertical bars show layers
            axis.setLabelAngle(Math.PI); // reads bottom to top, like matplotlib's colour bar label
            axis.setTickLabelInsets(new RectangleInsets(0, 0, 0, Style.TICK_LABEL_GAP)); // right axis: right inset
            axis.setLabelInsets(new RectangleInsets(0, 4, 0, 0));
        }
        RectangleEdge edge = horizontal ? RectangleEdge.BOTTOM : RectangleEdge.RIGHT;
        double cursor = horizontal ? bar.getMaxY() : bar.getMaxX();
        Rectangle2D plotArea = new Rectangle2D.Double(bar.getX() - 1000, bar.getY() - 1000,
                bar.getWidth() + 2000, bar.getHeight() + 2000);
        axis.draw(g2, cursor, plotArea, bar, edge, null);
    }
}

package laminar.figures.plot;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/**
 * One matplotlib axes: a JFreeChart {@link XYPlot} (axes, data, annotations), its bold title centred over the data
 * area, and optionally an equal aspect ({@code imshow}'s square cells) and a colour bar.
 *
 * <p>Layout is {@code tight_layout}-like per panel: the title and colour bar get their room first, JFreeChart lays
 * out axes and tick labels in the rest; for an equal aspect the chart is drawn once on a scratch canvas to measure
 * the data area and then padded until the data area is square.
 */
public final class Panel {

    /**
     * Room kept free around the chart so the outermost tick labels are not clipped: half a tick label above the
     * top of a y axis, half a label right of the end of an x axis.
     */
    private static final RectangleInsets BASE = new RectangleInsets(7, 3, 3, 9);

    private final XYPlot plot;
    private final JFreeChart chart;
    private String title;
    private boolean square;
    private ColorBar colorBar;
    private Rectangle2D lastDataArea;

    public Panel(XYPlot plot) {
        this.plot = plot;
        this.chart = Style.chart(plot);
    }

    public XYPlot plot() {
        return plot;
    }

    public Panel title(String t) {
        this.title = t;
        return this;
    }

    public String title() {
        return title;
    }

    public Panel square() {
        this.square = true;
        return this;
    }

    public Panel colorBar(ColorBar bar) {
        this.colorBar = bar;
        return this;
    }

    /** The data area of the last draw (tests, layout checks). */
    Rectangle2D dataArea() {
        return lastDataArea;
    }

    /** Draws the panel into {@code cell}; {@code scratch} is a measuring canvas for the layout pass. */
    public void draw(Graphics2D g2, Graphics2D scratch, Rectangle2D cell) {
        // annotations were added without change events: let auto-ranged axes see their bounds now
        plot.configureDomainAxes();
        plot.configureRangeAxes();
        Font titleFont = fitTitleFont(scratch, cell.getWidth());
        double top = 0;
        if (title != null) {
            FontMetrics fm = scratch.getFontMetrics(titleFont);
            top = fm.getAscent() + fm.getDescent() + Style.TITLE_PAD;
        }
        double bottom = colorBar != null && colorBar.horizontal() ? colorBar.reserve(scratch) : 0;
        double right = colorBar != null && !colorBar.horizontal() ? colorBar.reserve(scratch) : 0;
        // the chart gets the whole cell height above the colour bar; the title's room is chart padding, so the top
        // tick label may reach into it instead of being clipped
        Rectangle2D area = new Rectangle2D.Double(cell.getX(), cell.getY(),
                cell.getWidth() - right, cell.getHeight() - bottom);

        RectangleInsets pad = new RectangleInsets(Math.max(BASE.getTop(), top), BASE.getLeft(), BASE.getBottom(),
                BASE.getRight());
        if (square) {
            for (int pass = 0; pass < 4; pass++) {
                chart.setPadding(pad);
                Rectangle2D d = dataArea(scratch, area);
                double excess = d.getWidth() - d.getHeight();
                if (Math.abs(excess) < 0.25) {
                    break;
                }
                if (excess > 0) {
                    pad = new RectangleInsets(pad.getTop(), pad.getLeft() + excess / 2, pad.getBottom(),
                            pad.getRight() + excess / 2);
                } else {
                    pad = new RectangleInsets(pad.getTop() - excess / 2, pad.getLeft(), pad.getBottom() - excess / 2,
                            pad.getRight());
                }
            }
        }
        chart.setPadding(pad);
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.draw(g2, area, info);
        Rectangle2D d = info.getPlotInfo().getDataArea();
        lastDataArea = d;
        // left and bottom spines over the data (matplotlib's zorder), none at the top and right
        g2.setPaint(Color.BLACK);
        g2.setStroke(Style.AXIS_STROKE);
        Path2D.Double spines = new Path2D.Double();
        spines.moveTo(d.getX(), d.getY());
        spines.lineTo(d.getX(), d.getMaxY());
        spines.lineTo(d.getMaxX(), d.getMaxY());
        g2.draw(spines);

        if (title != null) {
            g2.setFont(titleFont);
            g2.setPaint(Color.BLACK);
            FontMetrics fm = g2.getFontMetrics();
            double w = fm.getStringBounds(title, g2).getWidth();
            double x = d.getCenterX() - w / 2;
            x = Math.max(cell.getX(), Math.min(x, cell.getMaxX() - w));
            g2.drawString(title, (float) x, (float) (d.getY() - Style.TITLE_PAD - fm.getDescent()));
        }
        if (colorBar != null) {
            colorBar.draw(g2, d, area);
        }
    }

    private Rectangle2D dataArea(Graphics2D scratch, Rectangle2D area) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.draw(scratch, area, info);
        return info.getPlotInfo().getDataArea();
    }

    /** The title font, made smaller (down to 8 pt) when the title would be wider than its cell. */
    private Font fitTitleFont(Graphics2D g2, double width) {
        Font f = Style.TITLE_FONT;
        if (title == null) {
            return f;
        }
        while (f.getSize() > 8 && g2.getFontMetrics(f).getStringBounds(title, g2).getWidth() > width) {
            f = f.deriveFont((float) (f.getSize() - 1));
        }
        return f;
    }
}

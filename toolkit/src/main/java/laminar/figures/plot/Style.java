package laminar.figures.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.RectangleInsets;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.util.Arrays;

/**
 * The figures' look: the notebook's matplotlib rcParams (no top/right spines, bold titles and axis labels,
 * 300 dpi) on matplotlib's defaults (DejaVu Sans, 10 pt text, 12 pt titles, 0.8 pt axes, 3.5 pt outward ticks,
 * 1.5 pt lines), in one place so every figure agrees.
 *
 * <p>All drawing is in points (1/72 inch): a figure of 10 × 3 inches is a 720 × 216 user-space canvas, scaled to
 * 3000 × 900 pixels for the PNG and written as-is (with a {@code pt} size) to the SVG.
 */
public final class Style {

    private Style() {
    }

    static {
        // JFreeChart draws rotated text (the y-axis labels) as glyph outlines to dodge a JDK 1.4 bug; plain
        // drawString keeps it text in the SVG (searchable, editable, smaller) and renders the same in the PNG
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    /** Output resolution of the PNGs and of the raster layers embedded in the SVGs. */
    public static final int DPI = 300;

    /** Device pixels per point at {@link #DPI}. */
    public static final double PX_PER_PT = DPI / 72.0;

    /** matplotlib's default family; the logical sans-serif font where it is not installed. */
    public static final String FAMILY = family();

    /** What the SVGs ask the viewer for (the first one installed wins). */
    public static final String SVG_FAMILY = "DejaVu Sans, Bitstream Vera Sans, Verdana, Arial, Helvetica, sans-serif";

    /*
     * matplotlib's sizes (10 pt ticks and labels, 12 pt titles) plus one point: the notebook's figures are 8 to 12
     * inches wide, and scaled to a 7-inch page its 10 pt ticks print at 6 pt; 11 pt prints at about 6.5-9.5 pt.
     */
    public static final Font TICK_FONT = new Font(FAMILY, Font.PLAIN, 11);
    public static final Font LABEL_FONT = new Font(FAMILY, Font.BOLD, 11);
    public static final Font TITLE_FONT = new Font(FAMILY, Font.BOLD, 13);
    public static final Font SUPTITLE_FONT = new Font(FAMILY, Font.BOLD, 15);
    public static final Font LEGEND_FONT = new Font(FAMILY, Font.PLAIN, 10);
    public static final Font CAPTION_FONT = new Font(FAMILY, Font.ITALIC, 9);

    /** matplotlib's {@code axes.titlepad}: gap between the top spine and the title's baseline box. */
    public static final double TITLE_PAD = 6;

    public static final Stroke AXIS_STROKE = new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
    public static final float TICK_LENGTH = 3.5f;

    /** JFreeChart's tick label inset giving matplotlib's spine-to-label distance: 3.5 + 3.5 - 2 (its own gap). */
    static final double TICK_LABEL_GAP = TICK_LENGTH + 3.5 - 2;

    /** matplotlib's {@code 'r'}, {@code 'g'}, {@code 'b'} line colours and the notebook's light marker faces. */
    public static final Color RED = new Color(255, 0, 0);
    public static final Color GREEN = new Color(0, 128, 0);
    public static final Color BLUE = new Color(0, 0, 255);
    public static final Color BLACK = Color.BLACK;

    /** matplotlib's default colour cycle, first two entries (Part 5 and 7a lines). */
    public static final Color C0 = new Color(0x1f77b4);
    public static final Color C1 = new Color(0xff7f0e);

    /** A {@code [r, g, b, a]} colour as matplotlib writes it ({@code markerfacecolor=[.9,.7,.7,.7]}). */
    public static Color rgba(double r, double g, double b, double a) {
        return new Color((float) r, (float) g, (float) b, (float) a);
    }

    /** Q-K / Q / red squares, Q-V / K / green circles, K-V / V / blue triangles, as in the notebook. */
    public static Marker qkvMarker(int i, double faceAlpha, double size) {
        return switch (i) {
            case 0 -> Marker.of(Marker.Kind.SQUARE, size, rgba(.9, .7, .7, faceAlpha), RED, 1.0);
            case 1 -> Marker.of(Marker.Kind.CIRCLE, size, rgba(.7, .9, .7, faceAlpha), GREEN, 1.0);
            case 2 -> Marker.of(Marker.Kind.TRIANGLE_UP, size, rgba(.7, .7, .9, faceAlpha), BLUE, 1.0);
            default -> throw new IllegalArgumentException("pair/kind index " + i);
        };
    }

    /** The light face colour of pair/kind {@code i} with alpha {@code a} (the scatter clouds of 2a, 3b). */
    public static Color qkvFace(int i, double a) {
        return qkvMarker(i, a, 1).face();
    }

    /** A solid line of {@code width} points, with matplotlib's line caps and joins. */
    public static Stroke line(double width) {
        return new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
    }

    /** A dashed line as matplotlib's {@code '--'}: 3.7 on, 1.6 off, scaled by the width ({@code lines.scale_dashes}). */
    public static Stroke dashed(double width) {
        float w = (float) width;
        return new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[]{3.7f * w, 1.6f * w}, 0f);
    }

    /** A matplotlib-like value axis. */
    public static MplAxis axis(String label) {
        MplAxis a = new MplAxis(label);
        a.setLabelFont(LABEL_FONT);
        a.setLabelPaint(BLACK);
        a.setTickLabelFont(TICK_FONT);
        a.setTickLabelPaint(BLACK);
        a.setAxisLineVisible(false); // the panel draws the spines on top of the data, as matplotlib does
        a.setTickMarkStroke(AXIS_STROKE);
        a.setTickMarkPaint(BLACK);
        a.setTickMarkInsideLength(0f);
        a.setTickMarkOutsideLength(TICK_LENGTH);
        // matplotlib puts tick labels 3.5 pt beyond the 3.5 pt ticks and axis labels 4 pt beyond the tick labels.
        // JFreeChart measures tick labels from the spine plus 2 pt, using the top inset for a bottom axis and the
        // left inset for a left axis; axis labels use the top inset (bottom axis) and the right inset (left axis)
        a.setTickLabelInsets(new RectangleInsets(TICK_LABEL_GAP, TICK_LABEL_GAP, 0, 0));
        a.setLabelInsets(new RectangleInsets(4, 0, 0, 4));
        a.setAutoRangeIncludesZero(false);
        a.setAutoRangeStickyZero(false);
        a.setLowerMargin(0.05);
        a.setUpperMargin(0.05);
        a.setMinorTickMarksVisible(false);
        return a;
    }

    /** A white plot with left and bottom spines only (the notebook's {@code axes.spines.right/top: False}). */
    public static XYPlot plot(NumberAxis x, NumberAxis y) {
        XYPlot p = new XYPlot(null, x, y, null);
        p.setBackgroundPaint(Color.WHITE);
        p.setOutlineVisible(false);
        p.setDomainGridlinesVisible(false);
        p.setRangeGridlinesVisible(false);
        p.setDomainZeroBaselineVisible(false);
        p.setRangeZeroBaselineVisible(false);
        p.setAxisOffset(RectangleInsets.ZERO_INSETS);
        p.setInsets(RectangleInsets.ZERO_INSETS);
        p.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        p.setNoDataMessage(null);
        return p;
    }

    /** A chart around {@code plot}, without JFreeChart's title, legend, border or padding (panels lay them out). */
    public static JFreeChart chart(XYPlot plot) {
        JFreeChart c = new JFreeChart(null, null, plot, false);
        c.setBackgroundPaint(Color.WHITE);
        c.setBorderVisible(false);
        c.setPadding(RectangleInsets.ZERO_INSETS);
        c.setAntiAlias(true);
        c.setTextAntiAlias(true);
        return c;
    }

    /** Rendering hints for both outputs: anti-aliased, fractional font metrics (so PNG and SVG lay out alike). */
    public static RenderingHints hints() {
        RenderingHints h = new RenderingHints(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        h.put(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        h.put(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        h.put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        h.put(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        h.put(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        return h;
    }

    private static String family() {
        String[] names = GraphicsEnvironment.getLocalGraphicsEnvironment()
                .getAvailableFontFamilyNames(java.util.Locale.ROOT);
        return Arrays.asList(names).contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;
    }
}

package laminar.figures.parts;

import laminar.analysis.Part6LaminarSelectivity;
import laminar.figures.plot.Drawing;
import laminar.figures.plot.Style;
import laminar.figures.plot.TickText;
import org.jfree.chart3d.Chart3D;
import org.jfree.chart3d.Chart3DFactory;
import org.jfree.chart3d.axis.LabelOrientation;
import org.jfree.chart3d.axis.NumberAxis3D;
import org.jfree.chart3d.axis.StandardCategoryAxis3D;
import org.jfree.chart3d.data.category.CategoryDataset3D;
import org.jfree.chart3d.data.category.StandardCategoryDataset3D;
import org.jfree.chart3d.graphics2d.Anchor2D;
import org.jfree.chart3d.graphics3d.Dimension3D;
import org.jfree.chart3d.graphics3d.ViewPoint3D;
import org.jfree.chart3d.label.StandardCategoryLabelGenerator;
import org.jfree.chart3d.marker.NumberMarker;
import org.jfree.chart3d.plot.CategoryPlot3D;
import org.jfree.chart3d.renderer.category.LineRenderer3D;
import org.jfree.chart3d.style.StandardChartStyle;
import org.jfree.chart3d.table.StandardRectanglePainter;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/**
 * {@code laminar3d}: the laminar profile in one 3D view (Orson Charts): one ribbon per Q, K and V (in the
 * notebook's red, green and blue) running through the layers, its height the selectivity t of Part 6, with a grey
 * line at t = 0. The eye reads the depth axis as "which projection" and the long axis as depth in the network, so
 * where selectivity rises and which of Q, K, V carries it is visible at a glance. 8 × 4.5 inches.
 */
public final class Laminar3dFigure implements Drawing {

    private static final String[] KINDS = {"Q", "K", "V"};
    private static final double FIT_MARGIN = 0.15;

    private final Chart3D chart;
    private final String description;

    private Laminar3dFigure(Chart3D chart, String description) {
        this.chart = chart;
        this.description = description;
    }

    public static Laminar3dFigure build(Part6LaminarSelectivity sel) {
        double[][][] v = sel.values();
        int nLayers = v.length;
        StandardCategoryDataset3D<String, String, Integer> data = new StandardCategoryDataset3D<>();
        for (int k = 0; k < 3; k++) {
            for (int l = 0; l < nLayers; l++) {
                data.addValue(v[l][k][Part6LaminarSelectivity.T], KINDS[k], KINDS[k], l);
            }
        }
        String what = sel.fisherZ() ? "Fisher-z " : "";
        Chart3D chart = Chart3DFactory.createLineChart("Laminar profile of category selectivity",
                "t of within- vs across-category " + what + "cosine similarity, per layer, for Q, K and V",
                data, null, "Transformer layer", "Selectivity (t-stat)");
        style(chart, nLayers);
        // heights read from t = 0 (the floor of the box), not from the smallest t
        double lo = 0;
        double hi = 0;
        for (double[][] layer : v) {
            for (double[] kind : layer) {
                double t = kind[Part6LaminarSelectivity.T];
                if (Double.isFinite(t)) {
                    lo = Math.min(lo, t);
                    hi = Math.max(hi, t);
                }
            }
        }
        double pad = (hi - lo) * 0.05;
        NumberAxis3D values = (NumberAxis3D) ((CategoryPlot3D) chart.getPlot()).getValueAxis();
        values.setAutoAdjustRange(false);
        values.setRange(lo < 0 ? lo - pad : 0, hi > 0 ? hi + pad : (lo < 0 ? 0 : 1));
        return new Laminar3dFigure(chart, "Laminar profile: selectivity t of Q, K and V across " + nLayers
                + " layers (3D)");
    }

    private static void style(Chart3D chart, int nLayers) {
        StandardChartStyle s = new StandardChartStyle();
        s.setBackgroundPainter(new StandardRectanglePainter(Color.WHITE));
        s.setTitleFont(new Font(Style.FAMILY, Font.BOLD, 15));
        s.setSubtitleFont(new Font(Style.FAMILY, Font.PLAIN, 10));
        s.setAxisLabelFont(new Font(Style.FAMILY, Font.BOLD, 10));
        s.setAxisTickLabelFont(new Font(Style.FAMILY, Font.PLAIN, 9));
        s.setLegendItemFont(new Font(Style.FAMILY, Font.PLAIN, 10));
        s.setLegendHeaderFont(new Font(Style.FAMILY, Font.BOLD, 10));
        s.setLegendFooterFont(new Font(Style.FAMILY, Font.PLAIN, 9));
        s.setMarkerLabelFont(new Font(Style.FAMILY, Font.PLAIN, 9));
        s.setSectionLabelFont(new Font(Style.FAMILY, Font.PLAIN, 9));
        s.setChartBoxColor(new Color(248, 248, 248, 255));
        s.setGridlineColor(new Color(0xd0d0d0));
        s.setGridlineStroke(new BasicStroke(0.5f));
        s.setStandardColors(Style.RED, Style.GREEN, Style.BLUE);
        s.setMarkerLineColor(new Color(0x60, 0x60, 0x60));
        s.setMarkerLineStroke(new BasicStroke(1f));
        chart.setStyle(s);
        chart.setAntiAlias(true);
        chart.setLegendAnchor(Anchor2D.BOTTOM_RIGHT);

        @SuppressWarnings("unchecked")
        CategoryPlot3D plot = (CategoryPlot3D) chart.getPlot();
        plot.setDimensions(new Dimension3D(16, 5, 4));
        plot.setAutoAdjustDimensions(false);
        LineRenderer3D renderer = (LineRenderer3D) plot.getRenderer();
        renderer.setColors(new Color(230, 40, 40), new Color(20, 150, 20), new Color(40, 60, 230));
        renderer.setLineWidth(0.5);
        renderer.setLineHeight(0.25);

        StandardCategoryAxis3D columns = (StandardCategoryAxis3D) plot.getColumnAxis();
        int every = nLayers <= 12 ? 1 : nLayers <= 30 ? 5 : 10;
        columns.setTickLabelGenerator(new StandardCategoryLabelGenerator<String, String, Integer>() {
            @Override
            public String generateColumnLabel(CategoryDataset3D<String, String, Integer> dataset, Integer layer) {
                return layer % every == 0 ? Integer.toString(layer) : "";
            }
        });
        columns.setTickLabelOrientation(LabelOrientation.PARALLEL);
        columns.setMaxTickLabelLevels(1);

        NumberAxis3D values = (NumberAxis3D) plot.getValueAxis();
        values.setTickLabelFormatter(TickText.shortest(2));
        NumberMarker zero = new NumberMarker(0);
        zero.setLineColor(new Color(0x40, 0x40, 0x40));
        zero.setLineStroke(new BasicStroke(1.2f));
        values.setMarker("zero", zero);

        // nearly from the front and a little above: layers run left to right, Q/K/V stand one behind the other,
        // and the t axis is on the near right wall (chosen by looking at the alternatives)
        ViewPoint3D vp = ViewPoint3D.createAboveViewPoint(40);
        vp.panLeftRight(-0.2);
        vp.moveUpDown(0.1);
        chart.setViewPoint(vp);
    }

    @Override
    public double widthInches() {
        return 8;
    }

    @Override
    public double heightInches() {
        return 4.5;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void draw(Graphics2D g2) {
        double w = widthInches() * 72;
        double h = heightInches() * 72;
        // Chart3DPanel.zoomToFit for a fixed canvas: the nearest viewing distance that fits the 3D box with a
        // margin for the titles, axis labels and legend
        Dimension target = new Dimension((int) (w * (1 - FIT_MARGIN)), (int) (h * (1 - FIT_MARGIN)));
        ViewPoint3D vp = chart.getViewPoint();
        vp.setRho(vp.optimalDistance(target, chart.getDimensions(), chart.getProjDistance()));
        chart.draw(g2, new Rectangle2D.Double(0, 0, w, h));
    }

    /** The chart (tests). */
    Chart3D chart() {
        return chart;
    }
}

package laminar.figures.plot;

import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/** matplotlib's {@code ax.axline((x0, y0), slope=s)}: an infinite straight line across the data area. */
public final class AxLine extends AbstractXYAnnotation {

    private static final long serialVersionUID = 1L;

    private final double x0;
    private final double y0;
    private final double slope;
    private final transient Stroke stroke;
    private final transient Color color;

    public AxLine(double x0, double y0, double slope, Stroke stroke, Color color) {
        this.x0 = x0;
        this.y0 = y0;
        this.slope = slope;
        this.stroke = stroke;
        this.color = color;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
                     int rendererIndex, PlotRenderingInfo info) {
        double lo = domainAxis.getLowerBound();
        double hi = domainAxis.getUpperBound();
        var xEdge = plot.getDomainAxisEdge();
        var yEdge = plot.getRangeAxisEdge();
        g2.setPaint(color);
        g2.setStroke(stroke);
        g2.draw(new Line2D.Double(
                domainAxis.valueToJava2D(lo, dataArea, xEdge), rangeAxis.valueToJava2D(y0 + (lo - x0) * slope, dataArea, yEdge),
                domainAxis.valueToJava2D(hi, dataArea, xEdge), rangeAxis.valueToJava2D(y0 + (hi - x0) * slope, dataArea, yEdge)));
    }
}

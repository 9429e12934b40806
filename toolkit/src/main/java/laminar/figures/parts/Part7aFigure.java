package laminar.figures.parts;

import laminar.analysis.Distribution;
import laminar.analysis.Part7aIllustration;
import laminar.figures.plot.AxLine;
import laminar.figures.plot.Figure;
import laminar.figures.plot.Marker;
import laminar.figures.plot.Panel;
import laminar.figures.plot.Plots;
import laminar.figures.plot.ScatterLayer;
import laminar.figures.plot.Style;
import org.jfree.chart.plot.XYPlot;

import java.awt.Color;
import java.util.List;

/**
 * {@code ch6_proj38_part7a}: what the Fisher-z transform does: the 10,000 uniform draws against their arctanh
 * ({@code 'ko'} with light green faces at alpha 0.3, a dashed identity line and a fine dashed grid) and the two
 * count histograms; 1 × 2 panels at 10 × 4 inches.
 */
public final class Part7aFigure {

    private Part7aFigure() {
    }

    public static Figure build(Part7aIllustration ill) {
        Marker m = Marker.of(Marker.Kind.CIRCLE, 6, Style.rgba(.7, .9, .7, .3), Style.BLACK, 1);
        XYPlot a = Plots.scatter("Cosine similarity", "Fisher-z transform",
                new ScatterLayer(ScatterLayer.floats(ill.r()), ScatterLayer.floats(ill.z()), m));
        a.addAnnotation(new AxLine(-1, -1, 1, Style.dashed(1.5), Color.BLACK), false);
        a.setDomainGridlinesVisible(true);
        a.setRangeGridlinesVisible(true);
        for (var stroke : List.of(Style.dashed(.3))) {
            a.setDomainGridlineStroke(stroke);
            a.setRangeGridlineStroke(stroke);
        }
        a.setDomainGridlinePaint(new Color(0xb0b0b0));
        a.setRangeGridlinePaint(new Color(0xb0b0b0));

        Distribution r = ill.rCounts();
        Distribution z = ill.zCounts();
        XYPlot b = Plots.lines("Similarity or Fisher-z value", "Count", List.of(
                new Plots.Series("Cos. similarities", r.leftEdges(), r.values(), Style.C0, Style.line(2), null),
                new Plots.Series("Fisher-z", z.leftEdges(), z.values(), Style.C1, Style.line(2), null)),
                true, false);
        return new Figure(10, 4, 1, 2, "Part 7a: the Fisher-z transform of " + ill.r().length
                + " uniform correlation values")
                .add(new Panel(a).title("A) Impact of transformation"))
                .add(new Panel(b).title("B) Distributions"));
    }
}

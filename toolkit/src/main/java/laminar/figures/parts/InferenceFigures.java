package laminar.figures.parts;

import laminar.figures.Figures;
import laminar.figures.plot.Drawing;
import laminar.figures.plot.Figure;
import laminar.figures.plot.Marker;
import laminar.figures.plot.Panel;
import laminar.figures.plot.Plots;
import laminar.figures.plot.Style;

import laminar.analysis.inference.Inference;
import laminar.analysis.inference.Statistic;
import laminar.analysis.inference.StatisticInference;
import org.jfree.chart.annotations.XYPolygonAnnotation;
import org.jfree.chart.plot.XYPlot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The inference figures, beside the notebook's: {@code inference_profiles} (the laminar profiles of the
 * difference, t, Fisher-z t and RSA with their bootstrap 95 % bands, and a black ring at every layer whose
 * family-wise corrected p ≤ 0.05) and {@code inference_pvalues} (−log10 of the family-wise p per layer, with the
 * 0.05 line).
 */
public final class InferenceFigures {

    /** Family-wise level of the marks. */
    static final double ALPHA = 0.05;

    /** The figures' names, in the order written. */
    public static final List<String> NAMES = List.of("inference_profiles", "inference_pvalues");

    private static final Statistic[] PROFILES = {Statistic.SELECTIVITY_DIFF, Statistic.SELECTIVITY_T,
            Statistic.SELECTIVITY_FISHER_Z_T, Statistic.RSA};
    private static final String[] TITLES = {"A) Within - Across", "B) T values (permutation-tested)",
            "C) T values, Fisher-z", "D) RSA (Mantel-tested)"};

    private InferenceFigures() {
    }

    /** Writes both figures to {@code dir}; the report says which failed and why. */
    public static Figures.Report writeAll(Inference inference, Path dir) {
        Map<String, Supplier<Drawing>> figures = new LinkedHashMap<>();
        figures.put(NAMES.get(0), () -> profiles(inference));
        figures.put(NAMES.get(1), () -> pValues(inference));
        return Figures.write(figures, dir);
    }

    static Figure profiles(Inference inf) {
        Figure f = new Figure(12, 6, 2, 2, "Laminar profiles with bootstrap 95% intervals (" + inf.bootstrap()
                + " resamples) and layers significant after family-wise correction (" + inf.permutations()
                + " permutations)");
        for (int i = 0; i < PROFILES.length; i++) {
            StatisticInference si = inf.of(PROFILES[i]);
            String[] labels = PROFILES[i] == Statistic.RSA ? LayerLinesFigure.PAIRS : Part6aFigure.KINDS;
            List<Plots.Series> series = new ArrayList<>(Plots.qkvSeries(si.observed(), labels));
            series.add(significant(si));
            XYPlot plot = Plots.lines("Transformer layer", yLabel(PROFILES[i]), series, true, true);
            for (int k = 0; k < 3; k++) {
                band(plot, si.ci95(), k);
            }
            fitRange(plot, si);
            f.add(new Panel(plot).title(TITLES[i]));
        }
        return f;
    }

    static Figure pValues(Inference inf) {
        Figure f = new Figure(12, 3, 1, 2, "-log10 of the max-statistic (family-wise) permutation p per layer");
        Statistic[] shown = {Statistic.SELECTIVITY_T, Statistic.RSA};
        for (Statistic s : shown) {
            StatisticInference si = inf.of(s);
            double[][] v = new double[si.pFwer().length][3];
            for (int l = 0; l < v.length; l++) {
                for (int k = 0; k < 3; k++) {
                    v[l][k] = -Math.log10(si.pFwer()[l][k]);
                }
            }
            String[] labels = s == Statistic.RSA ? LayerLinesFigure.PAIRS : Part6aFigure.KINDS;
            XYPlot plot = Plots.lines("Transformer layer", "-log10 p (FWER)", Plots.qkvSeries(v, labels), true, true);
            double line = -Math.log10(ALPHA);
            plot.addAnnotation(Plots.rule(true, line, -0.5, v.length - 0.5, Style.dashed(1), Style.BLACK), false);
            f.add(new Panel(plot).title(s == Statistic.RSA ? "RSA (Mantel)" : "Selectivity t"));
        }
        return f;
    }

    private static String yLabel(Statistic s) {
        return switch (s) {
            case SELECTIVITY_DIFF -> "Differences";
            case RSA -> "RSA scores";
            default -> "Selectivity (t-stat)";
        };
    }

    /** Black rings around the cells with a family-wise p ≤ {@link #ALPHA}. */
    private static Plots.Series significant(StatisticInference si) {
        List<double[]> pts = new ArrayList<>();
        for (int l = 0; l < si.pFwer().length; l++) {
            for (int k = 0; k < 3; k++) {
                if (si.pFwer()[l][k] <= ALPHA) {
                    pts.add(new double[] {l, si.observed()[l][k]});
                }
            }
        }
        double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
        return new Plots.Series("p_FWER <= " + ALPHA, x, y, Style.BLACK, null,
                new Marker(Marker.Kind.CIRCLE, 14, new Color(0, 0, 0, 0), Style.BLACK, 1.5));
    }

    /** The value axis spans the observed values and the intervals (annotations do not widen it), 5 % margins. */
    private static void fitRange(XYPlot plot, StatisticInference si) {
        fitRange(plot, si.observed(), si.ci95());
    }

    /** The value axis spans {@code observed} and the intervals {@code ci} ({@code [layer][k][lower, upper]}). */
    static void fitRange(XYPlot plot, double[][] observed, double[][][] ci) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < observed.length; l++) {
            for (int k = 0; k < 3; k++) {
                for (double v : new double[] {observed[l][k], ci[l][k][0], ci[l][k][1]}) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
        }
        if (lo < hi) {
            double pad = 0.05 * (hi - lo);
            plot.getRangeAxis().setRange(lo - pad, hi + pad);
        }
    }

    /** The interval of column {@code k} ({@code [layer][k][lower, upper]}) as a translucent polygon in the series' colour. */
    static void band(XYPlot plot, double[][][] ci, int k) {
        int n = ci.length;
        List<Double> poly = new ArrayList<>();
        for (int l = 0; l < n; l++) {
            if (Double.isFinite(ci[l][k][0])) {
                poly.add((double) l);
                poly.add(ci[l][k][1]);
            }
        }
        for (int l = n - 1; l >= 0; l--) {
            if (Double.isFinite(ci[l][k][0])) {
                poly.add((double) l);
                poly.add(ci[l][k][0]);
            }
        }
        if (poly.size() < 6) {
            return;
        }
        Color c = new Color[] {Style.RED, Style.GREEN, Style.BLUE}[k];
        plot.addAnnotation(new XYPolygonAnnotation(poly.stream().mapToDouble(Double::doubleValue).toArray(), null,
                null, new Color(c.getRed(), c.getGreen(), c.getBlue(), 40)), false);
    }
}

package laminar.figures.parts;

import laminar.figures.Figures;
import laminar.figures.plot.Drawing;
import laminar.figures.plot.Figure;
import laminar.figures.plot.Marker;
import laminar.figures.plot.Panel;
import laminar.figures.plot.Plots;
import laminar.figures.plot.Style;

import laminar.analysis.inference.Alternative;
import laminar.analysis.inference.Inference;
import laminar.analysis.inference.Statistic;
import laminar.analysis.inference.StatisticInference;
import org.jfree.chart.annotations.XYPolygonAnnotation;
import org.jfree.chart.plot.XYPlot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static laminar.analysis.inference.Inference.ALPHA;

/**
 * The inference figures, beside the notebook's: {@code inference_profiles} (the laminar profiles of the
 * difference, t, Fisher-z t and RSA with their bootstrap 95 % bands, and a black ring at every layer whose
 * family-wise corrected p ≤ 0.05) and {@code inference_pvalues} (−log10 of the family-wise p per layer from 0, with
 * the 0.05 level dashed and the resolution floor 1/(P+1) of P permutations dotted, explained in the caption).
 */
public final class InferenceFigures {

    /** The p-value axis ends at this multiple of the highest line: the top third keeps the legend clear of both. */
    private static final double HEADROOM = 1.6;

    /** The resolution floor's dotted line (matplotlib's {@code ':'}). */
    private static final Stroke DOTTED = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {1f, 1.65f}, 0f);

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
        String bands = inf.bootstrap() == 0 ? "No bootstrap (--bootstrap 0): no bands."
                : "Bands: bootstrap 95% intervals (" + inf.bootstrap() + " resamples of the words).";
        String rings = inf.permutations() == 0 ? " No permutation test (--permutations 0): no rings."
                : " Rings: p_FWER <= " + ALPHA + ", max-statistic over layers x 3 (" + inf.permutations()
                + " permutations, " + sides(inf) + ").";
        return f.caption(bands + rings);
    }

    /** The alternative in words, for a reader of the figure alone. */
    private static String sides(Inference inf) {
        return inf.alternative() == Alternative.TWO_SIDED ? "two-sided" : "one-sided (within > across, RSA > 0)";
    }

    static Figure pValues(Inference inf) {
        Figure f = new Figure(12, 4, 1, 2, "-log10 of the max-statistic (family-wise) permutation p per layer");
        Statistic[] shown = {Statistic.SELECTIVITY_T, Statistic.RSA};
        double floor = Math.log10(inf.permutations() + 1.0); // -log10 of the smallest p P permutations can give
        for (Statistic s : shown) {
            StatisticInference si = inf.of(s);
            double[][] v = new double[si.pFwer().length][3];
            for (int l = 0; l < v.length; l++) {
                for (int k = 0; k < 3; k++) {
                    v[l][k] = -Math.log10(si.pFwer()[l][k]);
                }
            }
            String[] labels = s == Statistic.RSA ? LayerLinesFigure.PAIRS : Part6aFigure.KINDS;
            List<Plots.Series> series = new ArrayList<>(Plots.qkvSeries(v, labels));
            series.add(level("p_FWER = " + ALPHA, -Math.log10(ALPHA), v.length, Style.BLACK, Style.dashed(1)));
            if (inf.permutations() > 0) {
                series.add(level(null, floor, v.length, Color.GRAY, DOTTED));
            }
            XYPlot plot = Plots.lines("Transformer layer", "-log10 p (FWER)", series, true, true);
            // from 0 past the resolution floor and the 0.05 level (an axis fitted to the data alone, every layer at
            // the floor say, would blow rounding up into ticks like 3.000434 and hide the 0.05 line), with room above
            // both lines for the legend: nothing is plotted above the floor
            plot.getRangeAxis().setRange(0, HEADROOM * Math.max(floor, -Math.log10(ALPHA)));
            f.add(new Panel(plot).title(s == Statistic.RSA ? "RSA (Mantel)" : "Selectivity t"));
        }
        return f.caption(inf.permutations() == 0 ? "No permutation test in this run (--permutations 0): no p-values."
                : "Tests " + sides(inf) + ". Dashed: p_FWER = " + ALPHA + ". Dotted: the smallest p "
                + inf.permutations() + " permutations give, 1/(P+1); more permutations may resolve a smaller p.");
    }

    /**
     * A horizontal reference line over the layers (no legend entry when {@code label} is null), a point per layer
     * so that the legend's placement keeps clear of it as of the data.
     */
    private static Plots.Series level(String label, double y, int layers, Color color, Stroke stroke) {
        double[] x = new double[Math.max(1, layers)];
        double[] ys = new double[x.length];
        for (int l = 0; l < x.length; l++) {
            x[l] = l;
            ys[l] = y;
        }
        return new Plots.Series(label, x, ys, color, stroke, null);
    }

    private static String yLabel(Statistic s) {
        return switch (s) {
            case SELECTIVITY_DIFF -> "Differences";
            case RSA -> "RSA scores";
            default -> "Selectivity (t-stat)";
        };
    }

    /** Black rings around the cells {@link Inference#significant} after family-wise correction. */
    private static Plots.Series significant(StatisticInference si) {
        List<double[]> pts = new ArrayList<>();
        for (int l = 0; l < si.pFwer().length; l++) {
            for (int k = 0; k < 3; k++) {
                if (Inference.significant(si.pFwer()[l][k])) {
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

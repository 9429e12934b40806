package laminar.figures.plot;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.ui.RectangleEdge;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A number axis whose ticks and tick labels follow matplotlib's defaults, so a figure's axes read like the
 * notebook's: {@code MaxNLocator('auto', steps=[1, 2, 2.5, 5, 10])} with at most one tick per 30 pt
 * horizontally and per 20 pt vertically (three and two times the 10 pt tick font, at most 9 intervals), and
 * {@code ScalarFormatter}'s shared number of decimals with a Unicode minus sign. Labels never depend on the
 * JVM's locale.
 */
public final class MplAxis extends NumberAxis {

    private static final long serialVersionUID = 1L;
    private static final double[] STEPS = {0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20};

    private boolean integer;

    public MplAxis(String label) {
        super(label);
    }

    /** Ticks at integers only (matplotlib's {@code MaxNLocator(integer=True)}). */
    public MplAxis integerTicks() {
        this.integer = true;
        return this;
    }

    @Override
    protected void selectAutoTickUnit(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        boolean horizontal = RectangleEdge.isTopOrBottom(edge);
        double length = horizontal ? dataArea.getWidth() : dataArea.getHeight();
        double fontSize = getTickLabelFont().getSize2D();
        int space = (int) Math.floor(length / (fontSize * (horizontal ? 3 : 2)));
        int nbins = Math.max(1, Math.min(9, space));
        double lo = getRange().getLowerBound();
        double hi = getRange().getUpperBound();
        double step = step(lo, hi, nbins, integer);
        int decimals = decimals(lo, hi, step);
        TickText format = TickText.fixed(decimals, step);
        setTickUnit(new NumberTickUnit(step, format), false, false);
        setNumberFormatOverride(format);
    }

    /** matplotlib's {@code MaxNLocator._raw_ticks} step for the view interval {@code [lo, hi]}. */
    static double step(double lo, double hi, int nbins, boolean integer) {
        double dv = Math.abs(hi - lo);
        if (dv == 0 || !Double.isFinite(dv)) {
            return 1;
        }
        double mean = (hi + lo) / 2;
        double offset = Math.abs(mean) / dv < 100 ? 0
                : Math.copySign(Math.pow(10, Math.floor(Math.log10(Math.abs(mean)))), mean);
        double scale = Math.pow(10, Math.floor(Math.log10(dv / nbins)));
        double vmin = lo - offset;
        double vmax = hi - offset;
        double raw = (vmax - vmin) / nbins;
        double[] steps = new double[STEPS.length];
        int n = 0;
        for (double s : STEPS) {
            double v = s * scale;
            if (!integer || v < 1 || Math.abs(v - Math.rint(v)) < 0.001) {
                steps[n++] = v;
            }
        }
        int first = n - 1;
        for (int i = 0; i < n; i++) {
            if (steps[i] >= raw) {
                first = i;
                break;
            }
        }
        double chosen = steps[first];
        for (int i = first; i >= 0; i--) {
            double step = steps[i];
            if (integer && Math.floor(vmax) - Math.ceil(vmin) >= 1) {
                step = Math.max(1, step);
            }
            chosen = step;
            long count = (long) Math.floor(vmax / step + 1e-10) - (long) Math.ceil(vmin / step - 1e-10) + 1;
            if (count >= 2) {
                break;
            }
        }
        return chosen;
    }

    /** matplotlib's {@code ScalarFormatter._set_format}: the fewest decimals that show every tick exactly. */
    public static int decimals(double lo, double hi, double step) {
        long first = (long) Math.ceil(lo / step - 1e-10);
        long last = (long) Math.floor(hi / step + 1e-10);
        if (last <= first) {
            return Math.max(0, (int) -Math.floor(Math.log10(step)) + 1);
        }
        double range = (last - first) * step;
        int oom = (int) Math.floor(Math.log10(range));
        int sigfigs = Math.max(0, 3 - oom);
        double thresh = 1e-3 * Math.pow(10, oom);
        while (sigfigs >= 0) {
            double worst = 0;
            for (long k = first; k <= last; k++) {
                double v = k * step;
                double r = new BigDecimal(v).setScale(sigfigs, RoundingMode.HALF_EVEN).doubleValue();
                worst = Math.max(worst, Math.abs(v - r));
            }
            if (worst < thresh) {
                sigfigs--;
            } else {
                break;
            }
        }
        return sigfigs + 1;
    }
}

package laminar.figures.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Number formatting as Python's {@code f'{x:.3f}'} does it, so titles read exactly like the notebook's.
 *
 * <p>Java's {@code String.format("%.3f")} rounds the shortest decimal representation half-up and would print
 * {@code 0.124} where Python prints {@code 0.123} for the double nearest 0.1235; Python rounds the exact binary
 * value half-even. This class rounds the exact value ({@link BigDecimal#BigDecimal(double)}) half-even and keeps
 * the sign of negative values that round to zero ({@code -0.000}), as Python does.
 */
public final class PyFormat {

    private PyFormat() {
    }

    /** {@code f'{value:.<decimals>f}'}. */
    public static String fixed(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        if (negative && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }
}

package laminar.figures.plot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.function.DoubleFunction;

/**
 * Tick labels for JFreeChart and Orson Charts axes (both take a {@link NumberFormat}): text from a function,
 * independent of the JVM's locale, with matplotlib's Unicode minus sign.
 */
public final class TickText extends NumberFormat {

    private static final long serialVersionUID = 1L;

    private final transient DoubleFunction<String> text;

    private TickText(DoubleFunction<String> text) {
        this.text = text;
    }

    /** {@code decimals} fixed decimals; values within a billionth of {@code unit} of 0 print as 0, not -0. */
    public static TickText fixed(int decimals, double unit) {
        return new TickText(v -> {
            double x = Math.abs(v) < unit * 1e-9 ? 0 : v;
            return minus(new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString());
        });
    }

    /** Up to {@code maxDecimals} decimals, trailing zeros dropped. */
    public static TickText shortest(int maxDecimals) {
        return new TickText(v -> {
            BigDecimal b = new BigDecimal(Math.abs(v) < 1e-9 ? 0 : v).setScale(maxDecimals, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros();
            return minus(b.signum() == 0 ? "0" : b.toPlainString());
        });
    }

    private static String minus(String s) {
        return s.startsWith("-") ? "\u2212" + s.substring(1) : s;
    }

    @Override
    public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
        return to.append(text.apply(number));
    }

    @Override
    public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
        return format((double) number, to, pos);
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        throw new UnsupportedOperationException("tick labels are not parsed");
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}

package laminar.analysis.inference;

import laminar.LaminarException;

import java.util.Locale;

/** The alternative hypothesis of the permutation tests. */
public enum Alternative {
    /** Within &gt; across (selectivity) or positive RSA: the permuted statistic is compared as it is. */
    GREATER("greater"),
    /** Either direction: |permuted| is compared with |observed|. */
    TWO_SIDED("two-sided");

    private final String label;

    Alternative(String label) {
        this.label = label;
    }

    /** The name on the command line and in results.json. */
    public String label() {
        return label;
    }

    /** The value a statistic is compared by (itself, or its magnitude). */
    double oriented(double statistic) {
        return this == TWO_SIDED ? Math.abs(statistic) : statistic;
    }

    /** {@code greater} or {@code two-sided}. */
    public static Alternative parse(String text) {
        for (Alternative a : values()) {
            if (a.label.equals(text.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new LaminarException("--alternative must be 'greater' or 'two-sided', got '" + text + "'");
    }
}

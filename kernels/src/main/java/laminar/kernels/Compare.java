package laminar.kernels;

import java.util.Locale;

/** How two matrices' strict upper triangles are compared (RSA, category-model fit). */
public enum Compare {
    /** Pearson r (the notebook). */
    PEARSON("pearson"),
    /** Spearman ρ: Pearson r of the ranks, ties given their average rank (as {@code scipy.stats.spearmanr}). */
    SPEARMAN("spearman"),
    /** Kendall's τa: (concordant − discordant) / (m(m−1)/2), ties counting as neither; O(m log m) (Knight). */
    KENDALL_TAU_A("kendall-tau-a");

    private final String label;

    Compare(String label) {
        this.label = label;
    }

    /** The command-line spelling. */
    public String label() {
        return label;
    }

    /** Parses {@code pearson|spearman|kendall-tau-a}; an unknown name is refused with the valid ones. */
    public static Compare parse(String text) {
        for (Compare c : values()) {
            if (c.label.equalsIgnoreCase(text) || c.name().equalsIgnoreCase(text)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown comparison '" + text.toLowerCase(Locale.ROOT)
                + "'; use pearson, spearman or kendall-tau-a");
    }
}

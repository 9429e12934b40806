package laminar.kernels;

import java.util.Locale;

/**
 * What is done to each feature (column) across the words before the measure: a few outlier dimensions dominate
 * cosine in GPT-2's activations, and z-scoring each feature gives every dimension the same weight.
 */
public enum Standardize {
    /** The activations as they are (the notebook). */
    NONE,
    /** Each feature minus its mean over the words. */
    CENTER,
    /** Each feature centred and divided by its standard deviation over the words (ddof 0); a constant feature is 0. */
    ZSCORE;

    /** The command-line spelling. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code none|center|zscore}; an unknown name is refused with the valid ones. */
    public static Standardize parse(String text) {
        for (Standardize s : values()) {
            if (s.label().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown standardization '" + text + "'; use none, center or zscore");
    }
}

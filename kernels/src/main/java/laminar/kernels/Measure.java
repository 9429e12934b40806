package laminar.kernels;

import java.util.Locale;

/**
 * How two words' activation vectors become one entry of the word × word matrix. Every measure is a
 * <em>similarity</em> (larger = more alike), so the notebook's parts keep their meaning: for Euclidean the entry is
 * the negative distance {@code −‖x − y‖}.
 */
public enum Measure {
    /** {@code <x, y> / (‖x‖ ‖y‖)}: the notebook's measure. */
    COSINE,
    /** Pearson r of the two vectors across features: the cosine of the rows after each row's mean is removed. */
    CORRELATION,
    /** Negative Euclidean distance {@code −‖x − y‖} (0 on the diagonal). */
    EUCLIDEAN;

    /** The command-line spelling. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code cosine|correlation|euclidean}; an unknown name is refused with the valid ones. */
    public static Measure parse(String text) {
        for (Measure m : values()) {
            if (m.label().equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown measure '" + text + "'; use cosine, correlation or euclidean");
    }
}

package laminar.model;

import java.util.Locale;

/**
 * What one extraction did, for every architecture.
 *
 * @param words             sentences extracted
 * @param rowsComputed      token rows actually run through the model (prefix once + each sentence's own tokens)
 * @param rowsFull          token rows of the plain forward (all tokens of all sentences)
 * @param prefixTokens      shared prefix length (0 when not shared)
 * @param firstLayerSeconds from the start of the extraction to the end of layer 0 (includes mapping its weights)
 * @param seconds           the whole extraction
 */
public record ExtractionStats(int words, int rowsComputed, int rowsFull, int prefixTokens, double firstLayerSeconds,
                              double seconds) {

    /**
     * The one-line summary of an extraction: model, layers, words, seconds and the peak memory so far (VmHWM)
     * against the weights' size ({@code stats} null: nothing extracted yet); the process may peak higher later,
     * in analyses or figures.
     */
    public static String summary(ExtractionStats stats, String modelName, int layers, long weightBytes) {
        if (stats == null) {
            return "laminar: " + modelName + ": nothing extracted yet";
        }
        return String.format(Locale.ROOT,
                "laminar: %s: %d layers, %d words (%d token rows computed of %d), %.2f s, peak memory so far %s (weights %s)",
                modelName, layers, stats.words(), stats.rowsComputed(), stats.rowsFull(), stats.seconds(),
                ProcessMemory.human(ProcessMemory.peakRssBytes()), ProcessMemory.human(weightBytes));
    }
}

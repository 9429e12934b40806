package laminar.model;

import java.util.Map;

/**
 * Every layer's attention Q, K and V of one opened checkpoint, whatever its architecture: what the command line
 * and the specs need of an extractor. {@link Extractors#open} picks the implementation from config.json's
 * {@code model_type}.
 */
public interface QkvExtractor extends AutoCloseable {

    /** Runs the sentences through the model and returns every layer's Q, K and V (right-aligned, see {@link Activations}). */
    Activations extract(TokenizedStimuli stimuli);

    /** Statistics of the last extraction, or {@code null}. */
    ExtractionStats lastStats();

    /** The one-line summary of the last extraction (see {@link ExtractionStats}). */
    String summary(String modelName);

    /** Transformer blocks. */
    int layers();

    /** Query heads. */
    int heads();

    /** K/V heads (fewer than {@link #heads} under grouped-query attention). */
    int kvHeads();

    /** Longest sentence the model takes, in tokens. */
    int maxPositions();

    /** Whether its tokenizer adds the model's special tokens (Llama's BOS): positions count what the model sees. */
    boolean specialTokens();

    /** The model's numbers for results.json, with what Q/K/V are. */
    Map<String, Object> describe();

    /** What Q, K and V are for this model, in one line for the log (empty when nothing beyond the summary). */
    String qkvNote(String modelName);

    @Override
    void close();
}

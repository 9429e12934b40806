package laminar.model;

import laminar.model.architectures.Gpt2Weights;
import laminar.model.architectures.Gpt2;
import laminar.model.architectures.Gpt2Config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Every layer's attention Q, K and V of a GPT-2-family model: the {@link Gpt2} architecture on the shared driver
 * {@link ArchExtractor} (Hugging Face's GPT-2 forward, stopping after the last layer's {@code c_attn}), its weights
 * checked and read by {@link Gpt2Weights}.
 *
 * <p>A thin shim over the driver that keeps what GPT-2 reports differently from the rotary families: its
 * config.json as the activations' description (as laminar has always written it), no Q/K/V note, no special
 * tokens (the notebook's sentences are their tokens alone); and the type the specs and callers open GPT-2 by.
 */
public final class Gpt2Extractor implements QkvExtractor {

    private final Gpt2Config config;
    private final ArchExtractor forward;

    private Gpt2Extractor(Gpt2Config config, ArchExtractor forward) {
        this.config = config;
        this.forward = forward;
    }

    /** Opens the checkpoint in {@code modelDir} (config.json + safetensors) and the PyTorch engine. */
    public static Gpt2Extractor open(Path modelDir, ExtractionOptions options) {
        Gpt2Config config = Gpt2Config.read(modelDir);
        return new Gpt2Extractor(config, ArchExtractor.openGpt2(modelDir, config, options));
    }

    /** Opens a resolved checkpoint (see {@link Checkpoint#resolve}). */
    public static Gpt2Extractor open(Checkpoint checkpoint, ExtractionOptions options) {
        return open(checkpoint.directory(), options);
    }

    public Gpt2Config config() {
        return config;
    }

    @Override
    public Activations extract(TokenizedStimuli stimuli) {
        return forward.extract(stimuli);
    }

    @Override
    public ExtractionStats lastStats() {
        return forward.lastStats();
    }

    @Override
    public String summary(String modelName) {
        return forward.summary(modelName);
    }

    @Override
    public int layers() {
        return config.nLayer();
    }

    @Override
    public int heads() {
        return config.nHead();
    }

    @Override
    public int kvHeads() {
        return config.nHead();
    }

    @Override
    public int maxPositions() {
        return config.nPositions();
    }

    /** GPT-2's tokenizer adds no special tokens (the notebook's sentences are its tokens alone). */
    @Override
    public boolean specialTokens() {
        return false;
    }

    @Override
    public Map<String, Object> describe() {
        return config.asMap();
    }

    /** Q, K, V are c_attn's output split in three: the summary says all. */
    @Override
    public String qkvNote(String modelName) {
        return "";
    }

    @Override
    public void close() {
        forward.close();
    }
}

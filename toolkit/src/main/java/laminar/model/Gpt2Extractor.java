package laminar.model;

import laminar.model.architectures.ArchWeights;
import laminar.model.architectures.Architecture;
import laminar.model.architectures.Gpt2;
import laminar.model.architectures.Gpt2Config;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Every layer's attention Q, K and V of a GPT-2-family model, on DJL's PyTorch engine: Hugging Face's GPT-2
 * forward (token + position embeddings; per block {@code ln_1}, Conv1D {@code c_attn} as {@code x @ W + b},
 * causal attention scaled by {@code 1/sqrt(head_dim)}, {@code c_proj}, residual, {@code ln_2}, MLP with
 * {@code gelu_new}, residual; LayerNorm eps from the config), recording each layer's {@code c_attn} output split
 * into its three {@code n_embd}-wide thirds. It stops after the last layer's {@code c_attn}: that layer's
 * attention and MLP, {@code ln_f} and the LM head are never computed.
 *
 * <p><b>How.</b> The rows, groups and shared prefix of {@link ExtractionPlan} (the sentences' common first tokens
 * computed once with {@link ExtractionOptions#sharePrefix()}, the default), attention by {@link CausalAttention}.
 * Each layer's weights are memory-mapped for that layer only (one mapping, read in with
 * {@code MADV_POPULATE_READ}; the next layer's on a background thread, see {@code LayerSource}) and unmapped after
 * it, and all of the layer's native tensors live in one {@link NDManager} scope closed at its end, so resident
 * memory stays near two layers' weights plus the activations.
 */
public final class Gpt2Extractor implements QkvExtractor {

    private final Path dir;
    private final Gpt2Config config;
    private final Gpt2Weights weights;
    private final ExtractionOptions options;
    private final NDManager root;
    private final Gpt2 arch;
    private final CausalAttention[] attention;
    private ExtractionStats lastStats;

    private Gpt2Extractor(Path dir, Gpt2Config config, Gpt2Weights weights, ExtractionOptions options,
                          NDManager root) {
        this.dir = dir;
        this.config = config;
        this.weights = weights;
        this.options = options;
        this.root = root;
        this.arch = new Gpt2(config);
        this.attention = new CausalAttention[config.nLayer()];
        for (int l = 0; l < attention.length; l++) {
            int layer = l;
            attention[l] = new CausalAttention(config.nHead(), config.nHead(), config.headDim(),
                    scores -> arch.scaleScores(scores, layer));
        }
    }

    /** Opens the checkpoint in {@code modelDir} (config.json + safetensors) and the PyTorch engine. */
    public static Gpt2Extractor open(Path modelDir, ExtractionOptions options) {
        Gpt2Config config = Gpt2Config.read(modelDir);
        Gpt2Weights weights = Gpt2Weights.open(modelDir, config);
        try {
            return new Gpt2Extractor(modelDir, config, weights, options, TorchEngine.open(options));
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    /** Opens a resolved checkpoint (see {@link Checkpoint#resolve}). */
    public static Gpt2Extractor open(Checkpoint checkpoint, ExtractionOptions options) {
        return open(checkpoint.directory(), options);
    }

    @Override
    public String summary(String modelName) {
        return ExtractionStats.summary(lastStats, modelName, config.nLayer(), weights.totalBytes());
    }

    public Gpt2Config config() {
        return config;
    }

    public Gpt2Weights weights() {
        return weights;
    }

    public Path directory() {
        return dir;
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
    public ExtractionStats lastStats() {
        return lastStats;
    }

    @Override
    public Activations extract(TokenizedStimuli stimuli) {
        stimuli.checkFits(config.nPositions());
        long t0 = System.nanoTime();
        int[][] ids = stimuli.tokenIds();
        int n = ids.length;
        int d = config.nEmbd();
        int nLayer = config.nLayer();
        ExtractionPlan plan = ExtractionPlan.of(ids, options.sharePrefix());
        int columns = stimuli.maxLength();
        float[][][] data = new float[nLayer][3][];
        float[] embedded = weights.rows(arch.embedding(), plan.tokenOfRow());
        float[] positions = weights.rows(Gpt2.POSITIONS, plan.positionOfRow());
        for (int i = 0; i < embedded.length; i++) {
            embedded[i] += positions[i];
        }
        double firstLayer = 0;
        NDArray hidden = root.create(embedded, new Shape(plan.rows(), d));
        try (Progress bar = Progress.steps("laminar: forward", nLayer, options.progress());
             LayerSource source = new LayerSource(weights, nLayer, arch::layerPrefix,
                     l -> arch.tensors(l == nLayer - 1), LayerSource.Read.fromProperty())) {
            for (int l = 0; l < nLayer; l++) {
                boolean last = l == nLayer - 1;
                NDArray next = null;
                try (LayerWeights maps = source.take(l); NDManager scope = root.newSubManager()) {
                    // Results of an op live in the manager of its first operand: attach the hidden state to the
                    // layer's scope for the layer, so every intermediate is freed when the scope closes.
                    hidden.tempAttach(scope);
                    int layer = l;
                    Architecture.LayerWeights w = name -> weight(scope, maps, layer, name);
                    NDArray[] qkv = arch.projections(w, hidden);
                    for (int k = 0; k < 3; k++) {
                        data[l][k] = plan.scatter(qkv[k].toFloatArray(), d, 0, 1, d, 1, ids, columns);
                    }
                    if (!last) {
                        NDArray attn = attention[l].apply(scope, qkv[0], qkv[1], qkv[2], plan);
                        NDArray h2 = arch.finish(w, hidden, attn);
                        h2.attach(root);
                        next = h2;
                    }
                }
                if (next != null) {
                    hidden.close();
                    hidden = next;
                }
                if (l == 0) {
                    firstLayer = (System.nanoTime() - t0) / 1e9;
                }
                bar.advance(1);
            }
        } finally {
            hidden.close();
        }
        int full = Arrays.stream(ids).mapToInt(t -> t.length).sum();
        lastStats = new ExtractionStats(n, plan.rows(), full, plan.prefix(), firstLayer,
                (System.nanoTime() - t0) / 1e9);
        return new Activations(stimuli.words(), ExtractionPlan.copy(ids), d, data);
    }

    /** Wraps a mapped weight without copying (16-bit types widened to float32 in the layer's arena). */
    private NDArray weight(NDManager scope, LayerWeights maps, int layer, String name) {
        return ArchWeights.wrap(scope, maps.buffer(name), weights.ref(arch.layerPrefix(layer) + name).tensor(),
                maps.arena());
    }

    @Override
    public void close() {
        try {
            root.close();
        } finally {
            weights.close();
        }
    }
}

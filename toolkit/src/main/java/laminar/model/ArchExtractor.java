package laminar.model;

import laminar.model.architectures.Gpt2Weights;
import laminar.model.architectures.ArchConfig;
import laminar.model.architectures.ArchWeights;
import laminar.model.architectures.Architecture;
import laminar.model.architectures.Blocks;
import laminar.model.architectures.Gpt2;
import laminar.model.architectures.Gpt2Config;
import laminar.model.architectures.ModelWeights;
import laminar.model.architectures.RopeSpec;
import laminar.model.io.FiniteCheck;
import laminar.model.io.TensorRef;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import laminar.LaminarException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one extraction driver: every layer's attention Q, K and V of a {@code gpt2} (through {@link Gpt2Extractor}),
 * {@code llama}, {@code mistral}, {@code qwen2} or {@code gpt_neox} checkpoint, on DJL's PyTorch engine in float32:
 * the embeddings (plus learned positions where {@link Architecture#positionEmbedding} names them), then per block
 * the architecture's {@link Architecture#projections} (recorded), the rotary embedding where the config has one,
 * causal grouped-query attention scaled by {@link Architecture#scaleScores}, and {@link Architecture#finish}. It
 * stops after the last layer's projections.
 *
 * <p><b>What is recorded.</b> Q, K, V are the projection outputs; by default before the rotary embedding, with
 * {@link ExtractionOptions#qkRotary()} Q and K after it. Under grouped-query attention K and V have
 * {@code num_key_value_heads * head_dim} features; {@link Activations} holds one width for Q, K and V, so K and V
 * are returned repeated per query head (Hugging Face's {@code repeat_kv}: K/V head j serves query heads
 * {@code j*g .. j*g+g-1}), which leaves every cosine, RSA and selectivity value of the K/V features unchanged
 * (a vector repeated g times has the same cosines). {@link #kvFeatures()} says the true width.
 *
 * <p>Rows, groups and the shared prefix (computed once, {@link ExtractionOptions#sharePrefix()}) as
 * {@link ExtractionPlan}, attention by {@link CausalAttention}; attention never crosses sentences. Each layer's weights
 * are mapped for that layer only (no copy; 16-bit widened in that layer's native memory), the next layer's read in
 * ahead on a background thread as GPT-2's ({@link LayerSource}), and unmapped after it.
 */
public final class ArchExtractor implements QkvExtractor {

    private final ArchConfig config;
    private final Architecture arch;
    private final ModelWeights weights;
    private final ExtractionOptions options;
    private final NDManager root;
    private final CausalAttention[] attention;
    private ExtractionStats lastStats;

    private ArchExtractor(ArchConfig config, Architecture arch, ModelWeights weights, ExtractionOptions options,
                          NDManager root) {
        this.config = config;
        this.arch = arch;
        this.weights = weights;
        this.options = options;
        this.root = root;
        this.attention = new CausalAttention[config.layers()];
        for (int l = 0; l < attention.length; l++) {
            int layer = l;
            attention[l] = new CausalAttention(config.heads(), config.kvHeads(), config.headDim(),
                    s -> arch.scaleScores(s, layer, config.headDim()));
        }
    }

    /**
     * GPT-2's checkpoint in {@code dir} (its weights checked, see {@link Gpt2Weights}) on this driver; used through
     * {@link Gpt2Extractor}, which adds what GPT-2 reports differently.
     */
    static ArchExtractor openGpt2(Path dir, Gpt2Config config, ExtractionOptions options) {
        Gpt2Weights weights = Gpt2Weights.open(dir, config);
        try {
            return new ArchExtractor(config.numbers(), new Gpt2(config), weights, options, TorchEngine.open(options));
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    /** Opens the checkpoint in {@code dir} (config.json + safetensors) and the PyTorch engine. */
    public static ArchExtractor open(Path dir, ExtractionOptions options) {
        ArchConfig config = ArchConfig.read(dir);
        Architecture arch = Architecture.of(config);
        ArchWeights weights = ArchWeights.open(dir);
        try {
            check(config, arch, weights);
            return new ArchExtractor(config, arch, weights, options, TorchEngine.open(options));
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    /**
     * Every tensor the forward reads exists with a computable type and the shape config.json implies, and holds
     * finite values only ({@link FiniteCheck#refuseNonFinite}, as GPT-2's weights).
     */
    private static void check(ArchConfig c, Architecture arch, ArchWeights w) {
        List<TensorRef> read = new ArrayList<>();
        read.add(w.ref(arch.embedding(), c.vocabSize(), c.hidden()));
        for (int l = 0; l < c.layers(); l++) {
            for (String name : arch.tensors(l == c.layers() - 1)) {
                read.add(w.ref(arch.layerPrefix(l) + name, arch.shape(name)));
            }
        }
        if (w.has(arch.layerPrefix(c.layers()) + arch.tensors(true).get(0))) {
            throw new LaminarException("the weights have more layers than config.json's num_hidden_layers "
                    + c.layers() + "; config.json and the weights do not belong together");
        }
        FiniteCheck.refuseNonFinite(read);
    }

    public ArchConfig config() {
        return config;
    }

    /** Features of K and V as the model computes them ({@code num_key_value_heads * head_dim}). */
    public int kvFeatures() {
        return config.kvWidth();
    }

    /** Weight bytes on disk. */
    public long weightBytes() {
        return weights.totalBytes();
    }

    @Override
    public Activations extract(TokenizedStimuli stimuli) {
        stimuli.checkFits(config.maxPositions());
        long t0 = System.nanoTime();
        int[][] ids = stimuli.tokenIds();
        ExtractionPlan plan = ExtractionPlan.of(ids, options.sharePrefix());
        int rows = plan.rows();
        int columns = stimuli.maxLength();
        int qw = config.qWidth();
        int hd = config.headDim();
        float[][][] data = new float[config.layers()][3][];
        RopeSpec rope = config.rope();
        float[][] tables = rope == null ? null : Blocks.rotaryTables(rope, plan.positionOfRow());
        int dims = rope == null ? 0 : rope.rotaryDims();
        double firstLayer = 0;
        NDArray hidden = root.create(embed(plan), new Shape(rows, config.hidden()));
        NDArray cos = rope == null ? null : root.create(tables[0], new Shape(rows, 1, dims));
        NDArray sin = rope == null ? null : root.create(tables[1], new Shape(rows, 1, dims));
        int layers = config.layers();
        try (Progress bar = Progress.steps("laminar: forward", layers, options.progress());
             LayerSource source = new LayerSource(weights, layers, arch::layerPrefix,
                     l -> arch.tensors(l == layers - 1), LayerSource.Read.fromProperty())) {
            for (int l = 0; l < layers; l++) {
                boolean last = l == layers - 1;
                NDArray next = null;
                try (LayerWeights maps = source.take(l); NDManager scope = root.newSubManager()) {
                    hidden.tempAttach(scope);
                    Map<String, NDArray> mapped = new HashMap<>();
                    String prefix = arch.layerPrefix(l);
                    for (String name : arch.tensors(last)) {
                        mapped.put(name, ArchWeights.wrap(scope, maps.buffer(name),
                                weights.ref(prefix + name).tensor(), maps.arena()));
                    }
                    NDArray[] qkv = arch.projections(mapped::get, hidden);
                    NDArray q = rope == null ? qkv[0]
                            : Blocks.rotary(qkv[0].reshape(rows, config.heads(), hd), cos, sin);
                    NDArray k = rope == null ? qkv[1]
                            : Blocks.rotary(qkv[1].reshape(rows, config.kvHeads(), hd), cos, sin);
                    NDArray[] recorded = rope != null && options.qkRotary()
                            ? new NDArray[] {q.reshape(rows, qw), k.reshape(rows, config.kvWidth()), qkv[2]}
                            : qkv;
                    for (int i = 0; i < 3; i++) {
                        int heads = i == 0 ? config.heads() : config.kvHeads();
                        data[l][i] = plan.scatter(recorded[i].toFloatArray(), heads * hd, 0, heads, hd,
                                config.heads() / heads, ids, columns);
                    }
                    if (!last) {
                        NDArray out = attention[l].apply(scope, q, k, qkv[2], plan);
                        next = arch.finish(mapped::get, hidden, out);
                        next.attach(root);
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
            if (rope != null) {
                cos.close();
                sin.close();
            }
        }
        int full = java.util.Arrays.stream(ids).mapToInt(t -> t.length).sum();
        lastStats = new ExtractionStats(ids.length, rows, full, plan.prefix(), firstLayer,
                (System.nanoTime() - t0) / 1e9);
        return new Activations(stimuli.words(), ExtractionPlan.copy(ids), qw, data);
    }

    /** The token embeddings of the plan's rows, plus the learned position embeddings where the model has them. */
    private float[] embed(ExtractionPlan plan) {
        float[] embedded = weights.rows(arch.embedding(), plan.tokenOfRow());
        if (arch.positionEmbedding() != null) {
            float[] positions = weights.rows(arch.positionEmbedding(), plan.positionOfRow());
            for (int i = 0; i < embedded.length; i++) {
                embedded[i] += positions[i];
            }
        }
        return embedded;
    }

    @Override
    public ExtractionStats lastStats() {
        return lastStats;
    }

    @Override
    public String summary(String modelName) {
        return ExtractionStats.summary(lastStats, modelName, config.layers(), weights.totalBytes());
    }

    @Override
    public int layers() {
        return config.layers();
    }

    @Override
    public int heads() {
        return config.heads();
    }

    @Override
    public int kvHeads() {
        return config.kvHeads();
    }

    @Override
    public int maxPositions() {
        return config.maxPositions();
    }

    /** Rotary models' tokenizers add their special tokens (Llama's and Mistral's BOS), as the model was trained. */
    @Override
    public boolean specialTokens() {
        return true;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_type", config.modelType());
        m.put("num_hidden_layers", config.layers());
        m.put("hidden_size", config.hidden());
        m.put("num_attention_heads", config.heads());
        m.put("num_key_value_heads", config.kvHeads());
        m.put("head_dim", config.headDim());
        m.put("q_features", config.qWidth());
        m.put("kv_features", config.kvWidth());
        m.put("kv_in_analysis", config.kvHeads() < config.heads()
                ? "each K/V head repeated for its query heads (repeat_kv)" : "as computed");
        m.put("qk", options.qkRotary() ? "after rotary" : "before rotary (projection outputs)");
        m.put("rope_theta", config.rope().theta());
        m.put("rope_type", config.rope().type());
        m.put("rotary_dims", config.rope().rotaryDims());
        return m;
    }

    @Override
    public String qkvNote(String modelName) {
        ArchConfig c = config;
        return String.format(Locale.ROOT, "laminar: %s: %s, %d layers, Q %d features, K/V %d features%s, Q/K %s"
                        + " rotary", modelName, c.modelType(), c.layers(), c.qWidth(), c.kvWidth(),
                c.kvHeads() < c.heads() ? " (grouped-query: each K/V head repeated for its " + c.groupSize()
                        + " query heads in the analysis)" : "", options.qkRotary() ? "after" : "before");
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

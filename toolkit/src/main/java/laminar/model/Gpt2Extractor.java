package laminar.model;

import laminar.model.io.SafeTensorsFile;
import laminar.model.io.WeightValues;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import laminar.LaminarException;
import laminar.model.io.NativeEnv;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every layer's attention Q, K and V of a GPT-2-family model, on DJL's PyTorch engine: Hugging Face's GPT-2
 * forward (token + position embeddings; per block {@code ln_1}, Conv1D {@code c_attn} as {@code x @ W + b},
 * causal attention scaled by {@code 1/sqrt(head_dim)}, {@code c_proj}, residual, {@code ln_2}, MLP with
 * {@code gelu_new}, residual; LayerNorm eps from the config), recording each layer's {@code c_attn} output split
 * into its three {@code n_embd}-wide thirds. It stops after the last layer's {@code c_attn}: that layer's
 * attention and MLP, {@code ln_f} and the LM head are never computed.
 *
 * <p><b>How.</b> Layer by layer over all tokens of all sentences at once, as rows of one {@code [rows, n_embd]}
 * matrix (row-wise ops need no batching or padding). Only attention mixes tokens; it is computed per group of
 * sentences of equal length, so each token sees exactly its own sentence (no padding, no mask artefacts).
 * Each layer's weights are memory-mapped for that layer only (one mapping, read in with
 * {@code MADV_POPULATE_READ}; the next layer's on a background thread, see {@code LayerSource}) and unmapped after
 * it, and all of the layer's native tensors live in one {@link NDManager} scope closed at its end, so resident
 * memory stays near two layers' weights plus the activations.
 *
 * <p><b>Shared prefix.</b> With {@link Options#sharePrefix()} (the default) the tokens every sentence starts
 * with ("The next word is") are computed once: at every layer they form one block of rows whose keys and values
 * every sentence's remaining tokens attend to, and their Q/K/V rows are copied into every sentence. This is the
 * same arithmetic as the full forward (each softmax runs over the same scores) up to float rounding; tests check
 * both paths agree within the activation tolerance.
 */
public final class Gpt2Extractor implements AutoCloseable {

    /**
     * @param device {@code cpu} or {@code cuda}
     * @param sharePrefix compute the sentences' common first tokens once (see class doc)
     * @param threads PyTorch intra-op threads (0: one per available processor)
     * @param progress draw a progress bar over layers on stderr
     */
    public record Options(String device, boolean sharePrefix, int threads, boolean progress) {
        public static Options defaults() {
            return new Options("cpu", true, 0, false);
        }

        public Options withSharePrefix(boolean share) {
            return new Options(device, share, threads, progress);
        }

        public Options withProgress(boolean show) {
            return new Options(device, sharePrefix, threads, show);
        }

        public Options withDevice(String dev) {
            return new Options(dev, sharePrefix, threads, progress);
        }

        public Options withThreads(int n) {
            return new Options(device, sharePrefix, n, progress);
        }
    }

    /**
     * What the last {@link #extract} did.
     *
     * @param rowsComputed token rows actually run through the model (prefix once + each sentence's own tokens)
     * @param rowsFull token rows of the plain forward (all tokens of all sentences)
     * @param prefixTokens shared prefix length (0 when not shared)
     * @param firstLayerSeconds from the start of {@code extract} to the end of layer 0 (includes mapping its weights)
     * @param seconds the whole extraction
     */
    public record Stats(int rowsComputed, int rowsFull, int prefixTokens, double firstLayerSeconds, double seconds) {
    }

    private final Path dir;
    private final Gpt2Config config;
    private final Gpt2Weights weights;
    private final Options options;
    private final Device device;
    private final NDManager root;
    private Stats lastStats;
    private int lastWords;

    private Gpt2Extractor(Path dir, Gpt2Config config, Gpt2Weights weights, Options options, Device device,
                          NDManager root) {
        this.dir = dir;
        this.config = config;
        this.weights = weights;
        this.options = options;
        this.device = device;
        this.root = root;
    }

    /** Opens the checkpoint in {@code modelDir} (config.json + safetensors) and the PyTorch engine. */
    public static Gpt2Extractor open(Path modelDir, Options options) {
        Gpt2Config config = Gpt2Config.read(modelDir);
        Gpt2Weights weights = Gpt2Weights.open(modelDir, config);
        try {
            // libtorch's OpenMP threads spin between parallel regions by default; when the machine is shared a
            // spinning thread holds the core its partner needs (BENCHMARKS.md: extraction 3–4x slower under load).
            // Read by libgomp when libtorch loads, so set before the engine starts; the user's own setting wins.
            NativeEnv.setIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
            Engine engine = Engine.getEngine("PyTorch");
            int threads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
            Device device = switch (options.device() == null ? "cpu" : options.device()) {
                case "cpu" -> Device.cpu();
                case "cuda", "gpu" -> {
                    if (engine.getGpuCount() == 0) {
                        throw new LaminarException("--device cuda: PyTorch sees no CUDA device (laminar is built with"
                                + " the CPU natives by default; build with the CUDA natives, see README) ; use --device cpu");
                    }
                    yield Device.gpu();
                }
                default -> throw new LaminarException("--device " + options.device() + ": unknown; use cpu or cuda");
            };
            NDManager root = NDManager.newBaseManager(device, "PyTorch");
            return new Gpt2Extractor(modelDir, config, weights, options, device, root);
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    /** Opens a resolved checkpoint (see {@link Checkpoint#resolve}). */
    public static Gpt2Extractor open(Checkpoint checkpoint, Options options) {
        return open(checkpoint.directory(), options);
    }

    /**
     * The one-line summary of the last extraction: model, layers, words, seconds and the peak memory so far (VmHWM)
     * against the weights' size; the process may peak higher later, in analyses or figures.
     */
    public String summary(String modelName) {
        Stats s = lastStats;
        if (s == null) {
            return "laminar: " + modelName + ": nothing extracted yet";
        }
        return String.format(java.util.Locale.ROOT,
                "laminar: %s: %d layers, %d words (%d token rows computed of %d), %.2f s, peak memory so far %s (weights %s)",
                modelName, config.nLayer(), lastWords, s.rowsComputed(), s.rowsFull(), s.seconds(),
                ProcessMemory.human(ProcessMemory.peakRssBytes()), ProcessMemory.human(weights.totalBytes()));
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

    public Device device() {
        return device;
    }

    /** Statistics of the last extraction, or {@code null}. */
    public Stats lastStats() {
        return lastStats;
    }

    /** Which rows of the model's input belong to which sentence and position. */
    private record Plan(int prefix, int rows, int[] tokenOfRow, int[] positionOfRow, int[] suffixBase,
                        List<Group> groups) {
    }

    /** Sentences whose own (post-prefix) token count is {@code length}, in rows {@code [firstRow, firstRow + m*length)}. */
    private record Group(int length, int firstRow, int[] sentences) {
    }

    private Plan plan(int[][] ids) {
        int n = ids.length;
        int prefix = 0;
        if (options.sharePrefix() && n > 1) {
            int min = Arrays.stream(ids).mapToInt(t -> t.length).min().orElse(0);
            prefix = min - 1; // every sentence keeps at least one token of its own
            for (int[] t : ids) {
                int i = 0;
                while (i < prefix && t[i] == ids[0][i]) {
                    i++;
                }
                prefix = i;
            }
            prefix = Math.max(prefix, 0);
        }
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int w = 0; w < n; w++) {
            byLength.computeIfAbsent(ids[w].length - prefix, k -> new ArrayList<>()).add(w);
        }
        int rows = prefix;
        for (int[] t : ids) {
            rows += t.length - prefix;
        }
        int[] token = new int[rows];
        int[] position = new int[rows];
        int[] base = new int[n];
        for (int p = 0; p < prefix; p++) {
            token[p] = ids[0][p];
            position[p] = p;
        }
        List<Group> groups = new ArrayList<>();
        int r = prefix;
        for (Map.Entry<Integer, List<Integer>> e : byLength.entrySet()) {
            int len = e.getKey();
            int[] members = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            groups.add(new Group(len, r, members));
            for (int w : members) {
                base[w] = r;
                for (int j = 0; j < len; j++) {
                    token[r] = ids[w][prefix + j];
                    position[r] = prefix + j;
                    r++;
                }
            }
        }
        return new Plan(prefix, rows, token, position, base, List.copyOf(groups));
    }

    /** Runs the sentences through the model and returns every layer's Q, K and V (right-aligned, see {@link Activations}). */
    public Activations extract(TokenizedStimuli stimuli) {
        stimuli.checkFits(config.nPositions());
        long t0 = System.nanoTime();
        int[][] ids = stimuli.tokenIds();
        int n = ids.length;
        int d = config.nEmbd();
        int nLayer = config.nLayer();
        Plan plan = plan(ids);
        int columns = stimuli.maxLength();
        float[][][] data = new float[nLayer][3][];
        for (int l = 0; l < nLayer; l++) {
            for (int k = 0; k < 3; k++) {
                data[l][k] = new float[n * columns * d];
            }
        }
        float[] embedded = weights.rows("wte.weight", plan.tokenOfRow());
        float[] positions = weights.rows("wpe.weight", plan.positionOfRow());
        for (int i = 0; i < embedded.length; i++) {
            embedded[i] += positions[i];
        }
        double firstLayer = 0;
        NDArray hidden = root.create(embedded, new Shape(plan.rows(), d));
        try (Progress bar = Progress.steps("laminar: forward", nLayer, options.progress());
             LayerSource source = new LayerSource(weights, nLayer, this::blockTensors, weightReading())) {
            for (int l = 0; l < nLayer; l++) {
                boolean last = l == nLayer - 1;
                NDArray next = null;
                try (LayerWeights maps = source.take(l); NDManager scope = root.newSubManager()) {
                    // Results of an op live in the manager of its first operand: attach the hidden state to the
                    // layer's scope for the layer, so every intermediate is freed when the scope closes.
                    hidden.tempAttach(scope);
                    NDArray x = layerNorm(hidden, weight(scope, maps, l, "ln_1.weight"),
                            weight(scope, maps, l, "ln_1.bias"));
                    NDArray qkv = x.matMul(weight(scope, maps, l, "attn.c_attn.weight"))
                            .add(weight(scope, maps, l, "attn.c_attn.bias"));
                    scatter(qkv.toFloatArray(), plan, ids, columns, data[l]);
                    if (!last) {
                        NDArray attn = attention(scope, qkv, plan, l);
                        NDArray h1 = hidden.add(attn.matMul(weight(scope, maps, l, "attn.c_proj.weight"))
                                .add(weight(scope, maps, l, "attn.c_proj.bias")));
                        NDArray m = layerNorm(h1, weight(scope, maps, l, "ln_2.weight"),
                                weight(scope, maps, l, "ln_2.bias"));
                        NDArray f = gelu(m.matMul(weight(scope, maps, l, "mlp.c_fc.weight"))
                                .add(weight(scope, maps, l, "mlp.c_fc.bias")));
                        NDArray h2 = h1.add(f.matMul(weight(scope, maps, l, "mlp.c_proj.weight"))
                                .add(weight(scope, maps, l, "mlp.c_proj.bias")));
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
        lastWords = n;
        lastStats = new Stats(plan.rows(), full, plan.prefix(), firstLayer, (System.nanoTime() - t0) / 1e9);
        return new Activations(stimuli.words(), cloneIds(ids), d, data);
    }

    private static int[][] cloneIds(int[][] ids) {
        int[][] out = new int[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i].clone();
        }
        return out;
    }

    /** Copies one layer's {@code [rows, 3 n_embd]} c_attn output into the right-aligned Q/K/V arrays. */
    private void scatter(float[] qkv, Plan plan, int[][] ids, int columns, float[][] out) {
        int d = config.nEmbd();
        int width = 3 * d;
        for (int w = 0; w < ids.length; w++) {
            int len = ids[w].length;
            int offset = columns - len;
            for (int p = 0; p < len; p++) {
                int row = p < plan.prefix() ? p : plan.suffixBase()[w] + (p - plan.prefix());
                int dst = (w * columns + offset + p) * d;
                for (int k = 0; k < 3; k++) {
                    System.arraycopy(qkv, row * width + k * d, out[k], dst, d);
                }
            }
        }
    }

    /** Causal self-attention of every sentence (prefix rows once, then each group against the prefix and itself). */
    private NDArray attention(NDManager scope, NDArray qkv, Plan plan, int layer) {
        int d = config.nEmbd();
        int heads = config.nHead();
        int hd = config.headDim();
        NDArray q = qkv.get(new NDIndex(":, 0:{}", d));
        NDArray k = qkv.get(new NDIndex(":, {}:{}", d, 2 * d));
        NDArray v = qkv.get(new NDIndex(":, {}:", 2 * d));
        int p = plan.prefix();
        NDList outputs = new NDList();
        NDArray kpT = null;
        NDArray vp = null;
        if (p > 0) {
            NDArray qp = heads(q.get(new NDIndex("0:{}", p)), 1, p, heads, hd).squeeze(0); // [H, P, hd]
            kpT = heads(k.get(new NDIndex("0:{}", p)), 1, p, heads, hd).squeeze(0).transpose(0, 2, 1); // [H, hd, P]
            vp = heads(v.get(new NDIndex("0:{}", p)), 1, p, heads, hd).squeeze(0); // [H, P, hd]
            NDArray probs = scale(qp.matMul(kpT), layer).add(causalMask(scope, p)).softmax(-1);
            outputs.add(probs.matMul(vp).transpose(1, 0, 2).reshape(p, d));
        }
        for (Group g : plan.groups()) {
            int m = g.sentences().length;
            int s = g.length();
            NDIndex rows = new NDIndex("{}:{}", g.firstRow(), g.firstRow() + m * s);
            NDArray qg = heads(q.get(rows), m, s, heads, hd); // [m, H, S, hd]
            NDArray kg = heads(k.get(rows), m, s, heads, hd);
            NDArray vg = heads(v.get(rows), m, s, heads, hd);
            NDArray own = scale(qg.matMul(kg.transpose(0, 1, 3, 2)), layer).add(causalMask(scope, s)); // [m,H,S,S]
            NDArray out;
            if (p > 0) {
                NDArray pre = scale(qg.matMul(kpT), layer); // [m, H, S, P]: every own token sees the whole prefix
                NDArray probs = NDArrays.concat(new NDList(pre, own), -1).softmax(-1);
                out = probs.get(new NDIndex("..., 0:{}", p)).matMul(vp)
                        .add(probs.get(new NDIndex("..., {}:", p)).matMul(vg));
            } else {
                out = own.softmax(-1).matMul(vg);
            }
            outputs.add(out.transpose(0, 2, 1, 3).reshape(m * s, d));
        }
        return outputs.size() == 1 ? outputs.head() : NDArrays.concat(outputs, 0);
    }

    /** {@code [m*s, d]} rows → {@code [m, heads, s, hd]}. */
    private static NDArray heads(NDArray x, int m, int s, int heads, int hd) {
        return x.reshape(m, s, heads, hd).transpose(0, 2, 1, 3);
    }

    /** HF's scaling: divide by sqrt(head_dim) (scale_attn_weights) and by layer+1 (scale_attn_by_inverse_layer_idx). */
    private NDArray scale(NDArray scores, int layer) {
        NDArray out = scores;
        if (config.scaleAttnWeights()) {
            out = out.div((float) Math.sqrt(config.headDim()));
        }
        if (config.scaleAttnByInverseLayerIdx()) {
            out = out.div((float) (layer + 1));
        }
        return out;
    }

    /** {@code [s, s]}: 0 on and below the diagonal, -inf above (softmax gives exactly 0 there, as HF's finfo.min does). */
    private static NDArray causalMask(NDManager scope, int s) {
        float[] mask = new float[s * s];
        for (int i = 0; i < s; i++) {
            for (int j = i + 1; j < s; j++) {
                mask[i * s + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return scope.create(mask, new Shape(s, s));
    }

    private NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        return LayerNorm.layerNorm(x, new Shape(config.nEmbd()), gamma, beta, (float) config.layerNormEpsilon())
                .singletonOrThrow();
    }

    /** HF's {@code NewGELUActivation}: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), in that order. */
    private static NDArray gelu(NDArray x) {
        NDArray inner = x.pow(3f).mul(0.044715f).add(x).mul((float) Math.sqrt(2.0 / Math.PI));
        return x.mul(0.5f).mul(inner.tanh().add(1f));
    }

    /** The names of one block's tensors, in the order the forward uses them. */
    private static final List<String> BLOCK = List.of("ln_1.weight", "ln_1.bias", "attn.c_attn.weight",
            "attn.c_attn.bias", "attn.c_proj.weight", "attn.c_proj.bias", "ln_2.weight", "ln_2.bias",
            "mlp.c_fc.weight", "mlp.c_fc.bias", "mlp.c_proj.weight", "mlp.c_proj.bias");

    /** The tensors block {@code layer} needs: all of them, or ln_1 and c_attn for the last block. */
    private List<String> blockTensors(int layer) {
        return layer == config.nLayer() - 1 ? BLOCK.subList(0, 4) : BLOCK;
    }

    /** Wraps a mapped weight without copying (16-bit types widened to float32). */
    private NDArray weight(NDManager scope, LayerWeights maps, int layer, String name) {
        String full = "h." + layer + "." + name;
        Gpt2Weights.Ref ref = weights.ref(full);
        Arena arena = maps.arena();
        ByteBuffer buf = maps.buffer(name);
        SafeTensorsFile.Tensor t = ref.tensor();
        DataType type = switch (t.dtype()) {
            case F32 -> DataType.FLOAT32;
            case F16 -> DataType.FLOAT16;
            case BF16 -> DataType.BFLOAT16;
            default -> throw new LaminarException(ref.file().path() + ": tensor '" + full + "' is " + t.dtype()
                    + "; laminar computes with F32, F16 or BF16 weights");
        };
        if (type == DataType.BFLOAT16) {
            // DJL's PyTorch binding cannot create bfloat16 tensors (its native dtype switch aborts the process):
            // widen in native memory of this layer's arena instead (exact: bf16 is the top half of a float32).
            buf = WeightValues.widenBf16(buf, arena);
            type = DataType.FLOAT32;
        }
        NDArray a = scope.create(buf, new Shape(t.shape()), type);
        return type == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
    }

    /**
     * How weight pages are read in: system property {@code laminar.weights.read} = {@code fault}, {@code populate}
     * or {@code ahead} (the default; see {@link LayerSource.Read} and the A/B in BENCHMARKS.md).
     */
    private static LayerSource.Read weightReading() {
        try {
            return LayerSource.Read.parse(System.getProperty("laminar.weights.read", "ahead"));
        } catch (IllegalArgumentException e) {
            throw new LaminarException(e.getMessage());
        }
    }

    static ByteBuffer widenBf16(ByteBuffer src, Arena arena) {
        int n = src.remaining() / 2;
        ByteBuffer dst = arena.allocate(4L * n, 64).asByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            dst.putInt(4 * i, (src.getShort(2 * i) & 0xffff) << 16);
        }
        return dst;
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

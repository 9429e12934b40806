package laminar.model.arch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import laminar.LaminarException;
import laminar.model.Activations;
import laminar.model.TokenizedStimuli;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every layer's attention Q, K and V of a {@code llama}, {@code mistral}, {@code qwen2} or {@code gpt_neox}
 * checkpoint, on DJL's PyTorch engine in float32: the embeddings, then per block the architecture's
 * {@link Architecture#projections} (recorded), rotary embedding, causal grouped-query attention scaled by
 * {@code 1/sqrt(head_dim)}, and {@link Architecture#finish}. It stops after the last layer's projections.
 *
 * <p><b>What is recorded.</b> Q, K, V are the projection outputs; by default before the rotary embedding, with
 * {@link Options#qkRotary()} Q and K after it. Under grouped-query attention K and V have
 * {@code num_key_value_heads * head_dim} features; {@link Activations} holds one width for Q, K and V, so K and V
 * are returned repeated per query head (Hugging Face's {@code repeat_kv}: K/V head j serves query heads
 * {@code j*g .. j*g+g-1}), which leaves every cosine, RSA and selectivity value of the K/V features unchanged
 * (a vector repeated g times has the same cosines). {@link #kvFeatures()} says the true width.
 *
 * <p>Sentences of equal length are computed together; attention never crosses sentences. Each layer's weights
 * are mapped for that layer only (no copy; 16-bit widened in that layer's native memory) and unmapped after it.
 */
public final class ArchExtractor implements AutoCloseable {

    /**
     * @param device {@code cpu} or {@code cuda}
     * @param threads PyTorch intra-op threads (0: one per available processor)
     * @param qkRotary record Q and K after the rotary embedding
     */
    public record Options(String device, int threads, boolean qkRotary) {
        public static Options defaults() {
            return new Options("cpu", 0, false);
        }
    }

    private final ArchConfig config;
    private final Architecture arch;
    private final ArchWeights weights;
    private final Options options;
    private final NDManager root;

    private ArchExtractor(ArchConfig config, Architecture arch, ArchWeights weights, Options options, NDManager root) {
        this.config = config;
        this.arch = arch;
        this.weights = weights;
        this.options = options;
        this.root = root;
    }

    /** The architecture class for {@code config.modelType()}. */
    static Architecture architecture(ArchConfig config) {
        return switch (config.modelType()) {
            case "llama", "mistral", "qwen2" -> new LlamaFamily(config);
            case "gpt_neox" -> new GptNeoX(config);
            default -> throw new IllegalStateException("checked by ArchConfig: " + config.modelType());
        };
    }

    /** Opens the checkpoint in {@code dir} (config.json + safetensors) and the PyTorch engine. */
    public static ArchExtractor open(Path dir, Options options) {
        ArchConfig config = ArchConfig.read(dir);
        Architecture arch = architecture(config);
        ArchWeights weights = ArchWeights.open(dir);
        try {
            check(config, arch, weights);
            Engine engine = Engine.getEngine("PyTorch");
            int threads = options.threads() > 0 ? options.threads() : Runtime.getRuntime().availableProcessors();
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
            Device device = switch (options.device() == null ? "cpu" : options.device()) {
                case "cpu" -> Device.cpu();
                case "cuda", "gpu" -> {
                    if (engine.getGpuCount() == 0) {
                        throw new LaminarException("--device cuda: PyTorch sees no CUDA device; use --device cpu");
                    }
                    yield Device.gpu();
                }
                default -> throw new LaminarException("--device " + options.device() + ": unknown; use cpu or cuda");
            };
            return new ArchExtractor(config, arch, weights, options, NDManager.newBaseManager(device, "PyTorch"));
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    /** Every tensor the forward reads exists with a computable type and the shape config.json implies. */
    private static void check(ArchConfig c, Architecture arch, ArchWeights w) {
        w.ref(arch.embedding(), c.vocabSize(), c.hidden());
        for (int l = 0; l < c.layers(); l++) {
            for (String name : arch.tensors(l == c.layers() - 1)) {
                w.ref(arch.layerPrefix(l) + name, arch.shape(name));
            }
        }
        if (w.has(arch.layerPrefix(c.layers()) + arch.tensors(true).get(0))) {
            throw new LaminarException("the weights have more layers than config.json's num_hidden_layers "
                    + c.layers() + "; config.json and the weights do not belong together");
        }
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

    /** Sentences of one length: rows {@code [firstRow, firstRow + count*length)}. */
    private record Group(int length, int firstRow, int[] sentences) {
    }

    /** Runs the sentences through the model and returns every layer's Q, K and V (right-aligned). */
    public Activations extract(TokenizedStimuli stimuli) {
        stimuli.checkFits(config.maxPositions());
        int[][] ids = stimuli.tokenIds();
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int w = 0; w < ids.length; w++) {
            byLength.computeIfAbsent(ids[w].length, k -> new ArrayList<>()).add(w);
        }
        List<Group> groups = new ArrayList<>();
        int rows = 0;
        for (Map.Entry<Integer, List<Integer>> e : byLength.entrySet()) {
            groups.add(new Group(e.getKey(), rows, e.getValue().stream().mapToInt(Integer::intValue).toArray()));
            rows += e.getKey() * e.getValue().size();
        }
        int[] token = new int[rows];
        int[] position = new int[rows];
        int[] rowOfSentence = new int[ids.length];
        for (Group g : groups) {
            int r = g.firstRow();
            for (int w : g.sentences()) {
                rowOfSentence[w] = r;
                for (int p = 0; p < g.length(); p++, r++) {
                    token[r] = ids[w][p];
                    position[r] = p;
                }
            }
        }
        int columns = stimuli.maxLength();
        int qw = config.qWidth();
        float[][][] data = new float[config.layers()][3][];
        float[][] tables = Blocks.rotaryTables(config.rope(), position);
        int dims = config.rope().rotaryDims();
        NDArray hidden = root.create(weights.rows(arch.embedding(), token), new Shape(rows, config.hidden()));
        NDArray cos = root.create(tables[0], new Shape(rows, 1, dims));
        NDArray sin = root.create(tables[1], new Shape(rows, 1, dims));
        try {
            for (int l = 0; l < config.layers(); l++) {
                boolean last = l == config.layers() - 1;
                NDArray next = null;
                try (Arena arena = Arena.ofConfined(); NDManager scope = root.newSubManager()) {
                    hidden.tempAttach(scope);
                    Map<String, NDArray> mapped = new HashMap<>();
                    String prefix = arch.layerPrefix(l);
                    for (String name : arch.tensors(last)) {
                        mapped.put(name, weights.map(prefix + name, scope, arena));
                    }
                    NDArray[] qkv = arch.projections(mapped::get, hidden);
                    NDArray q = Blocks.rotary(qkv[0].reshape(rows, config.heads(), config.headDim()), cos, sin);
                    NDArray k = Blocks.rotary(qkv[1].reshape(rows, config.kvHeads(), config.headDim()), cos, sin);
                    NDArray[] recorded = options.qkRotary()
                            ? new NDArray[] {q.reshape(rows, qw), k.reshape(rows, config.kvWidth()), qkv[2]}
                            : qkv;
                    for (int i = 0; i < 3; i++) {
                        data[l][i] = scatter(recorded[i].toFloatArray(), i == 0 ? config.heads() : config.kvHeads(),
                                ids, rowOfSentence, columns);
                    }
                    if (!last) {
                        NDArray v = qkv[2].reshape(rows, config.kvHeads(), config.headDim());
                        NDArray out = attention(q, k, v, groups);
                        next = arch.finish(mapped::get, hidden, out);
                        next.attach(root);
                    }
                }
                if (next != null) {
                    hidden.close();
                    hidden = next;
                }
            }
        } finally {
            hidden.close();
            cos.close();
            sin.close();
        }
        return new Activations(stimuli.words(), copy(ids), qw, data);
    }

    private static int[][] copy(int[][] ids) {
        int[][] out = new int[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i].clone();
        }
        return out;
    }

    /**
     * {@code [rows, heads*headDim]} → right-aligned {@code [words][columns][queryHeads*headDim]}, each of the
     * {@code heads} repeated {@code queryHeads/heads} times (K/V under grouped-query attention).
     */
    private float[] scatter(float[] values, int heads, int[][] ids, int[] rowOfSentence, int columns) {
        int hd = config.headDim();
        int width = heads * hd;
        int repeat = config.heads() / heads;
        int qw = config.qWidth();
        float[] out = new float[ids.length * columns * qw];
        for (int w = 0; w < ids.length; w++) {
            int offset = columns - ids[w].length;
            for (int p = 0; p < ids[w].length; p++) {
                int src = (rowOfSentence[w] + p) * width;
                int dst = (w * columns + offset + p) * qw;
                for (int h = 0; h < heads; h++) {
                    for (int r = 0; r < repeat; r++) {
                        System.arraycopy(values, src + h * hd, out, dst + (h * repeat + r) * hd, hd);
                    }
                }
            }
        }
        return out;
    }

    /** Causal attention within each sentence; q {@code [rows, H, hd]}, k and v {@code [rows, KVH, hd]}. */
    private NDArray attention(NDArray q, NDArray k, NDArray v, List<Group> groups) {
        int h = config.heads();
        int kvh = config.kvHeads();
        int hd = config.headDim();
        float scale = (float) Math.pow(hd, -0.5);
        NDList outputs = new NDList();
        for (Group g : groups) {
            int m = g.sentences().length;
            int s = g.length();
            NDIndex rows = new NDIndex("{}:{}", g.firstRow(), g.firstRow() + m * s);
            NDArray qg = q.get(rows).reshape(m, s, h, hd).transpose(0, 2, 1, 3);
            NDArray kg = perQueryHead(k.get(rows), m, s, kvh, hd);
            NDArray vg = perQueryHead(v.get(rows), m, s, kvh, hd);
            NDArray scores = qg.matMul(kg.transpose(0, 1, 3, 2)).mul(scale).add(causalMask(q.getManager(), s));
            outputs.add(scores.softmax(-1).matMul(vg).transpose(0, 2, 1, 3).reshape(m * s, (long) h * hd));
        }
        return outputs.size() == 1 ? outputs.head() : NDArrays.concat(outputs, 0);
    }

    /** {@code [m*s, KVH, hd]} → {@code [m, H, s, hd]}, K/V head j repeated for query heads j*g..j*g+g-1. */
    private NDArray perQueryHead(NDArray x, int m, int s, int kvh, int hd) {
        NDArray t = x.reshape(m, s, kvh, hd).transpose(0, 2, 1, 3);
        int g = config.groupSize();
        if (g == 1) {
            return t;
        }
        return t.expandDims(2).broadcast(new Shape(m, kvh, g, s, hd)).reshape(m, (long) kvh * g, s, hd);
    }

    private static NDArray causalMask(NDManager manager, int s) {
        float[] mask = new float[s * s];
        for (int i = 0; i < s; i++) {
            for (int j = i + 1; j < s; j++) {
                mask[i * s + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return manager.create(mask, new Shape(s, s));
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

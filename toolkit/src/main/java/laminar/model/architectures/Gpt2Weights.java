package laminar.model.architectures;

import laminar.model.io.SafeTensorsFile;
import laminar.model.io.SafeTensorsIndex;
import laminar.model.io.TensorRef;
import laminar.model.io.FiniteCheck;

import laminar.LaminarException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The weights of a GPT-2-family checkpoint: {@code model.safetensors} or the shards listed in
 * {@code model.safetensors.index.json}, with every tensor the forward pass uses checked against the config
 * (present, of a computable dtype, of the shape the config implies) before any compute.
 *
 * <p>Names are accepted with or without the {@code transformer.} prefix (HF's {@code GPT2LMHeadModel} saves
 * with it, the original gpt2 repositories without); the causal-mask buffers {@code h.N.attn.bias} and
 * {@code h.N.attn.masked_bias}, {@code lm_head.*} and {@code ln_f.*} are not used. Tensors stay in the file:
 * {@link #map} maps one into an {@link Arena}, {@link #rows} reads single rows (token embeddings) without
 * touching the rest of the matrix.
 */
public final class Gpt2Weights implements ModelWeights {

    /** The single-file weights of a Hugging Face checkpoint. */
    public static final String SINGLE = "model.safetensors";
    /** The index of sharded weights (tensor name → shard file). */
    public static final String INDEX = SafeTensorsIndex.FILE;
    /** The prefix HF's {@code GPT2LMHeadModel} saves tensor names with (accepted with or without). */
    public static final String PREFIX = "transformer.";

    private final List<SafeTensorsFile> files;
    private final Map<String, TensorRef> refs;

    private Gpt2Weights(List<SafeTensorsFile> files, Map<String, TensorRef> refs) {
        this.files = files;
        this.refs = refs;
    }

    /** Opens the weights of the model directory {@code dir} and checks them against {@code config}. */
    public static Gpt2Weights open(Path dir, Gpt2Config config) {
        List<SafeTensorsFile> files = new ArrayList<>();
        try {
            Map<String, TensorRef> refs = new LinkedHashMap<>();
            Path single = dir.resolve(SINGLE);
            Path index = dir.resolve(INDEX);
            if (Files.isRegularFile(single)) {
                SafeTensorsFile f = SafeTensorsFile.open(single);
                files.add(f);
                for (SafeTensorsFile.Tensor t : f.tensors().values()) {
                    add(refs, f, t);
                }
            } else if (Files.isRegularFile(index)) {
                Map<String, SafeTensorsFile> shards = new LinkedHashMap<>();
                for (Map.Entry<String, String> e : SafeTensorsIndex.weightMap(index).entrySet()) {
                    String shardName = e.getValue();
                    SafeTensorsFile shard = shards.get(shardName);
                    if (shard == null) {
                        Path shardPath = dir.resolve(shardName);
                        if (!Files.isRegularFile(shardPath)) {
                            throw new LaminarException(index + ": lists shard " + shardName + ", which is missing in "
                                    + dir + "; download the checkpoint again (all shards)");
                        }
                        shard = SafeTensorsFile.open(shardPath);
                        shards.put(shardName, shard);
                        files.add(shard);
                    }
                    SafeTensorsFile.Tensor t = shard.tensors().get(e.getKey());
                    if (t == null) {
                        throw new LaminarException(index + ": says tensor '" + e.getKey() + "' is in " + shardName
                                + " but that shard has no such tensor; download the checkpoint again");
                    }
                    add(refs, shard, t);
                }
            } else {
                throw new LaminarException(missingWeightsMessage(dir));
            }
            Gpt2Weights w = new Gpt2Weights(List.copyOf(files), refs);
            w.check(config);
            w.checkFinite();
            return w;
        } catch (RuntimeException e) {
            files.forEach(SafeTensorsFile::close);
            throw e;
        }
    }

    private static String missingWeightsMessage(Path dir) {
        List<String> pickled = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".bin") || n.endsWith(".pt") || n.endsWith(".pth") || n.endsWith(".ckpt"))
                    .sorted().forEach(pickled::add);
        } catch (IOException ignored) {
            // the message below is still right
        }
        if (!pickled.isEmpty()) {
            return dir + ": has only pickled PyTorch weights (" + String.join(", ", pickled) + "); laminar reads"
                    + " safetensors only (unpickling can run code). Convert once in Python: from transformers import"
                    + " AutoModelForCausalLM; AutoModelForCausalLM.from_pretrained('" + dir + "')"
                    + ".save_pretrained('" + dir + "', safe_serialization=True)";
        }
        return dir + ": has neither " + SINGLE + " nor " + INDEX + "; give a Hugging Face model directory with"
                + " safetensors weights (or a Hub name like gpt2-xl)";
    }

    private static void add(Map<String, TensorRef> refs, SafeTensorsFile f, SafeTensorsFile.Tensor t) {
        String name = t.name().startsWith(PREFIX) ? t.name().substring(PREFIX.length()) : t.name();
        if (ignored(name)) {
            return;
        }
        TensorRef previous = refs.put(name, new TensorRef(f, t));
        if (previous != null) {
            throw new LaminarException(f.path() + ": tensor '" + name + "' appears twice (with and without the '"
                    + PREFIX + "' prefix, or in two shards); the checkpoint is inconsistent, re-export it");
        }
    }

    /** Buffers and heads the extraction never reads. */
    static boolean ignored(String name) {
        return name.endsWith(".attn.bias") || name.endsWith(".attn.masked_bias") || name.startsWith("lm_head.")
                || name.startsWith("ln_f.");
    }

    private void check(Gpt2Config c) {
        int d = c.nEmbd();
        Gpt2 arch = new Gpt2(c);
        expect(arch.embedding(), c, c.vocabSize(), d);
        expect(Gpt2.POSITIONS, c, c.nPositions(), d);
        for (int l = 0; l < c.nLayer(); l++) {
            for (String name : arch.tensors(false)) {
                expect(arch.layerPrefix(l) + name, c, arch.shape(name));
            }
        }
        if (refs.containsKey(arch.layerPrefix(c.nLayer()) + arch.tensors(true).getFirst())) {
            throw new LaminarException(files.getFirst().path() + ": has more layers than config.json's n_layer "
                    + c.nLayer() + "; config.json and the weights do not belong together");
        }
    }

    /** Refuses NaN or infinite weights before any compute ({@link FiniteCheck#refuseNonFinite}). */
    private void checkFinite() {
        FiniteCheck.refuseNonFinite(refs.values());
    }

    private void expect(String name, Gpt2Config c, long... shape) {
        TensorRef r = refs.get(name);
        String where = files.size() == 1 ? files.getFirst().path().toString()
                : files.getFirst().path().getParent().resolve(INDEX).toString();
        if (r == null) {
            throw new LaminarException(where + ": has no tensor '" + name + "' (config.json: n_layer " + c.nLayer()
                    + "); the checkpoint is incomplete or not a GPT-2-family model");
        }
        if (!r.tensor().dtype().computable()) {
            throw new LaminarException(r.file().path() + ": tensor '" + name + "' is " + r.tensor().dtype()
                    + "; laminar computes with F32, F16 or BF16 weights: re-export the checkpoint as float32");
        }
        if (!java.util.Arrays.equals(r.tensor().shape(), shape)) {
            throw new LaminarException(r.file().path() + ": tensor '" + name + "' has shape "
                    + r.tensor().shapeString() + " but config.json (n_embd " + c.nEmbd() + ", n_inner " + c.nInner()
                    + ", vocab_size " + c.vocabSize() + ", n_positions " + c.nPositions() + ") needs "
                    + java.util.Arrays.toString(shape) + "; config.json and the weights do not belong together");
        }
    }

    /** The tensor named {@code name} (without {@code transformer.} prefix). */
    @Override
    public TensorRef ref(String name) {
        TensorRef r = refs.get(name);
        if (r == null) {
            throw new LaminarException("the checkpoint has no tensor '" + name + "'");
        }
        return r;
    }

    /** Maps one tensor into {@code arena} (see {@link SafeTensorsFile#map}). */
    public ByteBuffer map(String name, Arena arena) {
        TensorRef r = ref(name);
        return r.file().map(r.tensor(), arena);
    }

    @Override
    public List<SafeTensorsFile> files() {
        return files;
    }
}

package laminar.model.io;

import laminar.model.Activations;
import laminar.model.Qkv;
import com.google.gson.Gson;
import laminar.LaminarException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code activations.safetensors}: saved {@link Activations}, readable by Python's safetensors/numpy unchanged.
 *
 * <p><b>Format.</b> A standard safetensors file. Tensors {@code attn_{L}_q}, {@code attn_{L}_k},
 * {@code attn_{L}_v} for every layer {@code L}, float32, shape {@code [words, columns, n_embd]}: the notebook's
 * names and layout. {@code columns} is the longest sentence's token count; sentences are <b>right-aligned</b>:
 * token {@code p} of a sentence of {@code n} tokens is in column {@code columns - n + p}, and the columns before a
 * shorter sentence hold zeros, so {@code [:, -1, :]} is every sentence's last token. {@code __metadata__}
 * (strings, as the format requires) holds:
 * <ul>
 *   <li>{@code format}: {@code laminar.activations/1}</li>
 *   <li>{@code words}: JSON array of the words, in row order</li>
 *   <li>{@code token_ids}: JSON array of each sentence's token ids (its length is the sentence's length)</li>
 *   <li>{@code n_layer}, {@code n_embd}, {@code columns}: decimal integers</li>
 *   <li>{@code alignment}: {@code right}</li>
 *   <li>anything the caller adds (e.g. {@code model}, {@code template})</li>
 * </ul>
 * In Python: {@code safetensors.numpy.load_file(path)["attn_5_q"]}; the metadata via
 * {@code safetensors.safe_open(path, "np").metadata()}.
 *
 * <p>Writing is atomic: a temporary file in the same directory, renamed over the target when complete.
 */
public final class ActivationsFile {

    /** Metadata key of the model's query heads ({@code num_attention_heads}), where the writer knew them. */
    public static final String HEADS = "num_attention_heads";

    /** Metadata key of the model's K/V heads ({@code num_key_value_heads}), where the writer knew them. */
    public static final String KV_HEADS = "num_key_value_heads";

    /** The {@code format} metadata value. */
    public static final String FORMAT = "laminar.activations/1";

    /** The most floats one tensor may hold (a Java array's limit). */
    static final long MAX_FLOATS = Integer.MAX_VALUE - 8;

    private ActivationsFile() {
    }

    /** Writes {@code acts} to {@code file} atomically. */
    public static void write(Path file, Activations acts) {
        write(file, acts, Map.of());
    }

    /** Writes {@code acts} with extra metadata strings (e.g. model, template). */
    public static void write(Path file, Activations acts, Map<String, String> extra) {
        Gson gson = new Gson();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("words", gson.toJson(acts.words()));
        meta.put("token_ids", gson.toJson(acts.tokenIds()));
        meta.put("n_layer", Integer.toString(acts.nLayers()));
        meta.put("n_embd", Integer.toString(acts.nEmbd()));
        meta.put("columns", Integer.toString(acts.columns()));
        meta.put("alignment", "right");
        extra.forEach(meta::putIfAbsent);
        long[] shape = {acts.nWords(), acts.columns(), acts.nEmbd()};
        List<SafeTensorsWriter.Entry> entries = new ArrayList<>();
        for (int l = 0; l < acts.nLayers(); l++) {
            for (Qkv k : Qkv.values()) {
                entries.add(new SafeTensorsWriter.Entry(key(l, k), DType.F32, shape));
            }
        }
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = newTempFile(target);
            try (SafeTensorsWriter w = new SafeTensorsWriter(tmp, entries, meta)) {
                for (int l = 0; l < acts.nLayers(); l++) {
                    for (Qkv k : Qkv.values()) {
                        w.floats(key(l, k), acts.all(l, k));
                    }
                }
                w.force();
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    /**
     * An empty, new temporary file beside {@code target} with the permissions the user's umask gives any new file
     * (not {@link Files#createTempFile}: its 0600 would survive the rename and make the activations private while
     * every other output is not).
     */
    private static Path newTempFile(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(System.nanoTime() & Long.MAX_VALUE) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** The tensor name of one layer's Q, K or V. */
    public static String key(int layer, Qkv kind) {
        return "attn_" + layer + "_" + kind.key();
    }

    /** Reads a file written by {@link #write} (or by anyone following the format above). */
    public static Activations read(Path file) {
        return read(file, null);
    }

    /**
     * Reads a laminar activations file, or — when {@code words} is given — also a plain file in the notebook's layout
     * without laminar's metadata (e.g. saved from the notebook's {@code activations} dict with
     * {@code safetensors.numpy.save_file}): keys {@code attn_{L}_{q|k|v}}, float32 {@code [words, tokens, n_embd]},
     * every sentence taken as {@code tokens} long. Its token ids are unknown and reported as -1.
     *
     * @param words the words of a plain file, in its row order; null to accept laminar files only
     */
    public static Activations read(Path file, List<String> words) {
        if (!Files.isRegularFile(file)) {
            throw new LaminarException(file + ": no such activations file; give the activations.safetensors of a"
                    + " previous run");
        }
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            Map<String, String> meta = f.metadata();
            if (!FORMAT.equals(meta.get("format"))) {
                if (words == null) {
                    throw new LaminarException(file + ": not a laminar activations file (no __metadata__ format "
                            + FORMAT + "); give an activations.safetensors written by laminar, or --words for a plain"
                            + " attn_{L}_{q|k|v} file");
                }
                return readPlain(file, f, words);
            }
            LaminarMetadata m = LaminarMetadata.of(file, meta);
            return new Activations(m.words(), m.tokenIds(), m.nEmbd(), tensors(file, f, m.nLayer(),
                    new long[] {m.words().size(), m.columns(), m.nEmbd()}));
        }
    }

    private static Activations readPlain(Path file, SafeTensorsFile f, List<String> words) {
        SafeTensorsFile.Tensor first = f.tensors().get(key(0, Qkv.Q));
        if (first == null || first.shape().length != 3) {
            throw new LaminarException(file + ": no tensor attn_0_q of shape [words, tokens, n_embd]; give a file with"
                    + " the notebook's keys attn_{L}_{q|k|v}");
        }
        long[] shape = first.shape();
        if (shape[0] != words.size()) {
            throw new LaminarException(file + " holds " + shape[0] + " sentences but the word list has " + words.size()
                    + " words; give the --words file the activations were made with");
        }
        if (shape[1] < 1 || shape[2] < 1) {
            throw new LaminarException(file + ": attn_0_q has shape " + first.shapeString() + ": no token columns or"
                    + " no dimensions to analyse; give a file of [words, tokens, n_embd] with tokens and n_embd >= 1");
        }
        if (shape[1] > Integer.MAX_VALUE || shape[2] > Integer.MAX_VALUE) {
            throw new LaminarException(file + ": attn_0_q has shape " + first.shapeString() + ", too large to analyse");
        }
        int nLayer = 0;
        while (f.tensors().containsKey(key(nLayer, Qkv.Q))) {
            nLayer++;
        }
        int[][] ids = new int[words.size()][(int) shape[1]];
        for (int[] row : ids) {
            Arrays.fill(row, -1);
        }
        return new Activations(words, ids, (int) shape[2], tensors(file, f, nLayer, shape));
    }

    private static float[][][] tensors(Path file, SafeTensorsFile f, int nLayer, long[] shape) {
        // Every tensor is checked before anything is allocated: a damaged n_layer must not allocate first.
        List<SafeTensorsFile.Tensor> found = new ArrayList<>();
        for (int l = 0; l < nLayer; l++) {
            for (Qkv k : Qkv.values()) {
                SafeTensorsFile.Tensor t = f.tensors().get(key(l, k));
                if (t == null || t.dtype() != DType.F32 || !Arrays.equals(t.shape(), shape)) {
                    throw new LaminarException(file + ": tensor " + key(l, k) + " is missing or not float32 "
                            + Arrays.toString(shape) + "; extract the activations again");
                }
                if (t.elements() > MAX_FLOATS) {
                    throw new LaminarException(file + ": tensor " + key(l, k) + " " + t.shapeString() + " has "
                            + t.elements() + " values, over the " + MAX_FLOATS + " a Java array holds; analyse fewer"
                            + " words per file");
                }
                found.add(t);
            }
        }
        float[][][] data = new float[nLayer][3][];
        for (int i = 0; i < found.size(); i++) {
            SafeTensorsFile.Tensor t = found.get(i);
            float[] a = new float[Math.toIntExact(t.elements())];
            // One mapping at a time, unmapped right after the copy: otherwise every tensor's file pages stay
            // resident beside the heap copies until the end (3.3 GiB extra at 2,000 words × 48 layers).
            try (Arena one = Arena.ofConfined()) {
                f.map(t, one).asFloatBuffer().get(a);
            }
            data[i / 3][i % 3] = a;
        }
        return data;
    }

    /** The {@code __metadata__} of an activations file (for callers that stored extra keys). */
    public static Map<String, String> metadata(Path file) {
        try (SafeTensorsFile f = SafeTensorsFile.open(file)) {
            return f.metadata();
        }
    }
}

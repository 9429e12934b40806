package laminar.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import laminar.LaminarException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GPT-2's byte-level BPE tokenizer, through DJL's Hugging Face tokenizers (the Rust library transformers uses),
 * with no special tokens added, no truncation and no padding, so ids equal {@code tokenizer.encode(text)} of
 * transformers.
 *
 * <p>Read from {@code tokenizer.json}; when a checkpoint has only {@code vocab.json} + {@code merges.txt} (older
 * GPT-2 repositories), an equivalent {@code tokenizer.json} (byte-level pre-tokenizer without prefix space, BPE
 * model, {@code <|endoftext|>} as special token) is built in a temporary file.
 */
public final class Gpt2Tokenizer implements AutoCloseable {

    /** One encoded text: ids and their token strings (byte-level symbols, e.g. {@code Ġgalaxy}). */
    public record Encoded(int[] ids, String[] tokens) {
        public int length() {
            return ids.length;
        }
    }

    private final HuggingFaceTokenizer tokenizer;
    private final Path source;

    private Gpt2Tokenizer(HuggingFaceTokenizer tokenizer, Path source) {
        this.tokenizer = tokenizer;
        this.source = source;
    }

    /** Loads the tokenizer of the model directory {@code dir}. */
    public static Gpt2Tokenizer load(Path dir) {
        return load(dir, false);
    }

    /**
     * Loads the tokenizer of {@code dir}; with {@code addSpecialTokens} its {@code tokenizer.json} post-processor
     * adds the model's special tokens (e.g. Llama's BOS) as {@code transformers} does by default.
     */
    public static Gpt2Tokenizer load(Path dir, boolean addSpecialTokens) {
        Path json = dir.resolve("tokenizer.json");
        if (Files.isRegularFile(json)) {
            return new Gpt2Tokenizer(build(json, addSpecialTokens), json);
        }
        Path vocab = dir.resolve("vocab.json");
        Path merges = dir.resolve("merges.txt");
        if (Files.isRegularFile(vocab) && Files.isRegularFile(merges)) {
            Path tmp = null;
            try {
                tmp = Files.createTempFile("laminar-tokenizer", ".json");
                Files.writeString(tmp, tokenizerJson(vocab, merges));
                return new Gpt2Tokenizer(build(tmp, addSpecialTokens), vocab);
            } catch (IOException e) {
                throw new LaminarException(dir + ": cannot build a tokenizer from vocab.json + merges.txt ("
                        + e.getMessage() + "); add the model's tokenizer.json", e);
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // a temp file left behind is harmless
                    }
                }
            }
        }
        throw new LaminarException(dir + ": no tokenizer (tokenizer.json, or vocab.json + merges.txt); copy the"
                + " model's tokenizer files into the directory (they are in its Hugging Face repository)");
    }

    private static HuggingFaceTokenizer build(Path json, boolean addSpecialTokens) {
        try {
            return HuggingFaceTokenizer.builder().optTokenizerPath(json).optAddSpecialTokens(addSpecialTokens)
                    .optTruncation(false).optPadding(false).build();
        } catch (IOException | RuntimeException e) {
            throw new LaminarException(json + ": not a usable tokenizer (" + e.getMessage() + "); restore it from"
                    + " the model's repository", e);
        }
    }

    /**
     * The {@code tokenizer.json} equivalent of GPT-2's {@code vocab.json} + {@code merges.txt} (the structure of
     * the real gpt2 tokenizer.json).
     */
    static String tokenizerJson(Path vocabFile, Path mergesFile) throws IOException {
        JsonObject vocab = laminar.json.StrictJson.readObject(vocabFile,
                "restore vocab.json from the model's repository (or add its tokenizer.json)");
        List<String> merges = new ArrayList<>();
        for (String line : Files.readAllLines(mergesFile, StandardCharsets.UTF_8)) {
            if (line.startsWith("#version") || line.isBlank()) {
                continue;
            }
            merges.add(line.strip());
        }
        return tokenizerJson(vocab, merges);
    }

    static String tokenizerJson(JsonObject vocab, List<String> merges) {
        Map<String, Object> byteLevel = new LinkedHashMap<>();
        byteLevel.put("type", "ByteLevel");
        byteLevel.put("add_prefix_space", false);
        byteLevel.put("trim_offsets", true);
        byteLevel.put("use_regex", true);
        Map<String, Object> post = new LinkedHashMap<>(byteLevel);
        post.put("trim_offsets", false);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", null);
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("vocab", vocab);
        model.put("merges", merges);
        List<Object> added = new ArrayList<>();
        if (vocab.has("<|endoftext|>")) {
            Map<String, Object> eot = new LinkedHashMap<>();
            eot.put("id", vocab.get("<|endoftext|>").getAsInt());
            eot.put("content", "<|endoftext|>");
            eot.put("single_word", false);
            eot.put("lstrip", false);
            eot.put("rstrip", false);
            eot.put("normalized", true);
            eot.put("special", true);
            added.add(eot);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", "1.0");
        root.put("truncation", null);
        root.put("padding", null);
        root.put("added_tokens", added);
        root.put("normalizer", null);
        root.put("pre_tokenizer", byteLevel);
        root.put("post_processor", post);
        root.put("decoder", byteLevel);
        root.put("model", model);
        return new GsonBuilder().serializeNulls().disableHtmlEscaping().create().toJson(root);
    }

    /** Encodes {@code text} (no special tokens, no truncation). */
    public Encoded encode(String text) {
        Encoding e = tokenizer.encode(text);
        long[] ids = e.getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return new Encoded(out, e.getTokens());
    }

    /** The file the tokenizer was read from. */
    public Path source() {
        return source;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}

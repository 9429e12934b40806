package laminar.specs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import laminar.model.Activations;
import laminar.stimuli.Word;
import laminar.stimuli.WordList;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one reader of golden values: the files {@code golden/export.py} wrote by executing the notebook's own cells
 * (see golden/README.md). Deliberately independent of laminar's own file readers, so a bug there cannot hide in
 * the reference.
 */
final class Golden {

    private static final Map<String, Golden> SETS = new ConcurrentHashMap<>();

    private final Path dir;
    private final Map<String, JsonObject> json = new ConcurrentHashMap<>();
    private volatile Activations activations;

    private Golden(Path dir) {
        this.dir = dir;
    }

    /** The golden directory (system property {@code laminar.golden}, set by specs/pom.xml). */
    /**
     * A reference file under {@code golden/}, parsed; a missing one fails saying which script makes it.
     *
     * @param relative the file, relative to {@code golden/}
     * @param script the script under {@code golden/} that writes it
     */
    static JsonObject reference(String relative, String script) {
        Path file = root().resolve(relative);
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException("run /usr/bin/python3 golden/" + script + " to make " + file, e);
        }
    }

    static Path root() {
        String p = System.getProperty("laminar.golden");
        Path dir = p != null ? Path.of(p) : Path.of("..", "golden");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("golden directory not found: " + dir.toAbsolutePath());
        }
        return dir;
    }

    /** The bundled checkpoint. */
    static Path checkpoint() {
        return checkpoint("tiny-gpt2");
    }

    /** A checkpoint under {@code golden/models/}, e.g. {@code other-gpt2}. */
    static Path checkpoint(String name) {
        return root().resolve("models").resolve(name);
    }

    /** The notebook's 34 words on the bundled checkpoint. */
    static Golden notebook34() {
        return set("notebook-34");
    }

    /** A set of golden values under {@code golden/values/}, e.g. {@code other-4cat}. */
    static Golden set(String name) {
        return SETS.computeIfAbsent(name, k -> new Golden(root().resolve("values").resolve(k)));
    }

    Path dir() {
        return dir;
    }

    /** A part's JSON file, e.g. {@code part4}. */
    JsonObject json(String name) {
        return json.computeIfAbsent(name, n -> {
            try {
                return JsonParser.parseString(Files.readString(dir.resolve(n + ".json"))).getAsJsonObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    String template() {
        return json("tokens").get("template").getAsString();
    }

    /** The stimuli as the exporter recorded them. */
    WordList words() {
        List<Word> words = new ArrayList<>();
        for (JsonElement e : json("tokens").getAsJsonArray("words")) {
            JsonObject o = e.getAsJsonObject();
            words.add(new Word(o.get("word").getAsString(), o.get("category").getAsString()));
        }
        return new WordList(words);
    }

    int[][] tokenIds() {
        return ints2(json("tokens").getAsJsonArray("token_ids"));
    }

    /** The Q/K/V the notebook's hooks stored, from activations.safetensors (keys attn_{L}_{q|k|v}). */
    Activations activations() {
        if (activations == null) {
            activations = readActivations();
        }
        return activations;
    }

    private Activations readActivations() {
        try {
            byte[] bytes = Files.readAllBytes(dir.resolve("activations.safetensors"));
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int headerLength = (int) buf.getLong(0);
            JsonObject header = JsonParser.parseString(
                    new String(bytes, 8, headerLength, StandardCharsets.UTF_8)).getAsJsonObject();
            int layers = 0;
            while (header.has("attn_" + layers + "_q")) {
                layers++;
            }
            int nEmbd = 0;
            float[][][] data = new float[layers][3][];
            for (int l = 0; l < layers; l++) {
                String[] kinds = {"q", "k", "v"};
                for (int k = 0; k < 3; k++) {
                    JsonObject t = header.getAsJsonObject("attn_" + l + "_" + kinds[k]);
                    if (!"F32".equals(t.get("dtype").getAsString())) {
                        throw new IllegalStateException("golden activations must be F32");
                    }
                    JsonArray shape = t.getAsJsonArray("shape");
                    nEmbd = shape.get(2).getAsInt();
                    JsonArray off = t.getAsJsonArray("data_offsets");
                    long begin = 8L + headerLength + off.get(0).getAsLong();
                    long end = 8L + headerLength + off.get(1).getAsLong();
                    float[] f = new float[(int) ((end - begin) / 4)];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = buf.getFloat((int) begin + 4 * i);
                    }
                    data[l][k] = f;
                }
            }
            return new Activations(words().texts(), tokenIds(), nEmbd, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] doubles(JsonArray a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsDouble();
        }
        return out;
    }

    static double[][] doubles2(JsonArray a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles(a.get(i).getAsJsonArray());
        }
        return out;
    }

    static double[][][] doubles3(JsonArray a) {
        double[][][] out = new double[a.size()][][];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubles2(a.get(i).getAsJsonArray());
        }
        return out;
    }

    static int[][] ints2(JsonArray a) {
        int[][] out = new int[a.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonArray row = a.get(i).getAsJsonArray();
            out[i] = new int[row.size()];
            for (int j = 0; j < row.size(); j++) {
                out[i][j] = row.get(j).getAsInt();
            }
        }
        return out;
    }

    /** A boolean matrix stored as nested lists of booleans (or 0/1), flattened row-major. */
    static boolean[] booleans2(JsonArray a) {
        int n = a.size();
        int m = a.get(0).getAsJsonArray().size();
        boolean[] out = new boolean[n * m];
        for (int i = 0; i < n; i++) {
            JsonArray row = a.get(i).getAsJsonArray();
            for (int j = 0; j < m; j++) {
                JsonElement e = row.get(j);
                out[i * m + j] = e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean() : e.getAsInt() != 0;
            }
        }
        return out;
    }
}

package laminar.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import laminar.analysis.LaminarAnalysis;
import laminar.analysis.LaminarResults;
import laminar.kernels.Backends;
import laminar.model.Activations;
import laminar.model.TokenPosition;
import laminar.stimuli.Word;
import laminar.stimuli.WordList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsJsonTest {

    @Test
    void smallWordListsKeepTheCosineMatricesInline() {
        LaminarResults r = results(12);
        JsonObject json = render(r);
        assertThat(ResultsJson.cosineInFile(r)).isFalse();
        JsonObject cos = json.getAsJsonObject("layer_detail").getAsJsonObject("cosine");
        assertThat(cos.getAsJsonArray("q")).hasSize(12);
        assertThat(cos.getAsJsonArray("q").get(3).getAsJsonArray().get(5).getAsDouble())
                .isEqualTo((double) r.part3().cosine()[0][3 * 12 + 5]);
    }

    @Test
    void largeWordListsPutThemInAFloat32FileTheJsonPointsTo(@TempDir Path dir) throws Exception {
        int n = ResultsJson.INLINE_COSINE_MAX + 1;
        LaminarResults r = results(n);
        JsonObject cos = render(r).getAsJsonObject("layer_detail").getAsJsonObject("cosine");
        assertThat(cos.get("file").getAsString()).isEqualTo(ResultsJson.COSINE_FILE);
        assertThat(cos.has("q")).isFalse();
        ResultsJson.writeCosineFile(r, dir);
        byte[] bytes = Files.readAllBytes(dir.resolve(ResultsJson.COSINE_FILE));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) b.getLong(0);
        JsonObject header = JsonParser.parseString(new String(bytes, 8, headerLength)).getAsJsonObject();
        JsonObject k = header.getAsJsonObject("k");
        assertThat(k.get("shape").toString()).isEqualTo("[" + n + "," + n + "]");
        long begin = 8 + headerLength + k.getAsJsonArray("data_offsets").get(0).getAsLong();
        int at = 7 * n + 9;
        assertThat(b.getFloat((int) (begin + 4L * at))).isEqualTo(r.part3().cosine()[1][at]);
    }

    private static JsonObject render(LaminarResults r) {
        return JsonParser.parseString(ResultsJson.render(r, ACTS.get(r.words().size()),
                new RunMetadata("t", "m", Map.of(), "{word}", "java", Map.of()))).getAsJsonObject();
    }

    private static final Map<Integer, Activations> ACTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static LaminarResults results(int n) {
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add(new Word("w" + i, "c" + (i % 3)));
        }
        int d = 4;
        SplittableRandom rnd = new SplittableRandom(n);
        float[][][] data = new float[1][3][n * 2 * d];
        for (float[] a : data[0]) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rnd.nextGaussian();
            }
        }
        Activations acts = new Activations(words.stream().map(Word::word).toList(), new int[n][2], d, data);
        ACTS.put(n, acts);
        return LaminarAnalysis.run(acts, new WordList(words), 0, new TokenPosition.FromStart(1), 0, Backends.get("java"));
    }
}

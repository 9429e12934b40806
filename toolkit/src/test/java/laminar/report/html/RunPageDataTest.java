package laminar.report.html;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunPageDataTest {

    static final String[] WORDS = {"a:sun", "a:moon", "b:tablecloth", "b:cup"};

    @Test
    void profilesCarryResultsValuesAndMultiTokenWordsAreFlagged(@TempDir Path tmp) throws Exception {
        JsonObject results = Fixtures.results(4, WORDS, "The word {word}", l -> l);
        Files.writeString(tmp.resolve("rsa.csv"), "x");
        JsonObject data = RunPageData.build(results, tmp, new JsonObject(), List.of("run", "--words", "my words.tsv"));
        JsonArray profiles = data.getAsJsonArray("profiles");
        assertThat(profiles).hasSize(Profile.ALL.size());
        JsonObject t = profiles.get(3).getAsJsonObject();
        assertThat(t.get("key").getAsString()).isEqualTo("selectivity_t");
        JsonObject k = t.getAsJsonArray("series").get(1).getAsJsonObject();
        assertThat(k.get("name").getAsString()).isEqualTo("K");
        assertThat(k.getAsJsonArray("y").get(2).getAsDouble()).isEqualTo(2 + 0.1 + 0.01); // selectivity[2][K][t]
        assertThat(k.has("ci")).isFalse();
        JsonArray words = data.getAsJsonArray("words");
        assertThat(words.get(2).getAsJsonObject().get("multi_token").getAsBoolean()).isTrue();
        assertThat(words.get(3).getAsJsonObject().get("multi_token").getAsBoolean()).isFalse();
        assertThat(data.getAsJsonArray("notes").toString()).contains("tablecloth").contains("No inference block")
                .contains("No figures");
        assertThat(data.getAsJsonObject("run").get("command_line").getAsString())
                .isEqualTo("laminar run --words 'my words.tsv'");
        assertThat(data.getAsJsonArray("files").toString()).isEqualTo("[\"rsa.csv\"]");
    }

    @Test
    void anInferenceBlockAddsBandsAndSignificanceMarks(@TempDir Path tmp) throws Exception {
        JsonObject results = Fixtures.results(2, WORDS, "The word {word}", l -> l);
        results.add("inference", JsonParser.parseString("""
                {"permutations": 100, "rsa": {"ci95": [[[0.1,0.2],[0.3,0.4],[0.5,0.6]],[[1,2],[null,null],[3,4]]],
                                            "p_fwer": [[0.01,0.2,0.04],[0.05,0.049,null]]}}"""));
        JsonObject rsa = RunPageData.build(results, tmp, new JsonObject(), List.of()).getAsJsonArray("profiles")
                .get(1).getAsJsonObject();
        JsonObject qk = rsa.getAsJsonArray("series").get(0).getAsJsonObject();
        assertThat(qk.getAsJsonArray("sig").toString()).isEqualTo("[true,true]"); // 0.05 itself: p <= 0.05
        JsonObject qv = rsa.getAsJsonArray("series").get(1).getAsJsonObject();
        assertThat(qv.getAsJsonArray("ci").toString()).isEqualTo("[[0.3,0.4],null]");
        assertThat(qv.getAsJsonArray("sig").toString()).isEqualTo("[false,true]");
        JsonObject kv = rsa.getAsJsonArray("series").get(2).getAsJsonObject();
        assertThat(kv.getAsJsonArray("sig").toString()).isEqualTo("[true,false]");
        JsonObject corr = RunPageData.build(results, tmp, new JsonObject(), List.of()).getAsJsonArray("profiles")
                .get(0).getAsJsonObject();
        assertThat(corr.getAsJsonArray("series").get(0).getAsJsonObject().has("ci")).isFalse();
    }
}

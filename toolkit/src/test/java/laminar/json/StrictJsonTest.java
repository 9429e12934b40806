package laminar.json;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import laminar.LaminarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RFC 8259 only: what Gson's lenient parser accepts is refused here, with a clean one-line message. */
class StrictJsonTest {

    private static String refused(String text) {
        String m = assertThrows(LaminarException.class, () -> StrictJson.parse(text, "x.json", "fix x.json"))
                .getMessage();
        assertThat(m).startsWith("x.json ").endsWith("; fix x.json").doesNotContain("\n")
                .doesNotContainIgnoringCase("gson").doesNotContain("http").doesNotContain("setStrictness")
                .doesNotContain("Troubleshooting");
        return m;
    }

    @Test
    void readsValidJsonWithExactNumbers() {
        JsonObject o = StrictJson.parseObject(" {\"a\": [1, 2.50, -3e2, true, null, \"s\\u00e9\"], \"b\": {}} \n",
                "x.json", "fix");
        assertThat(o.getAsJsonArray("a").get(1).getAsBigDecimal()).isEqualTo(new BigDecimal("2.50"));
        assertThat(o.getAsJsonArray("a").get(2).getAsBigDecimal()).isEqualByComparingTo("-300");
        assertThat(o.getAsJsonArray("a").get(3).getAsBoolean()).isTrue();
        assertThat(o.getAsJsonArray("a").get(4).isJsonNull()).isTrue();
        assertThat(o.getAsJsonArray("a").get(5).getAsString()).isEqualTo("sé");
        assertThat(o.getAsJsonObject("b").size()).isZero();
    }

    @Test
    void refusesWhatLenientGsonAccepts() {
        assertThat(refused("{\"a\": 1 // comment\n}")).contains("comment");
        assertThat(refused("{/* c */ \"a\": 1}")).contains("comment");
        assertThat(refused("{a: 1}")).contains("line 1, column 3");
        assertThat(refused("{'a': 1}")).contains("single-quoted");
        assertThat(refused("{\"a\": NaN}")).contains("NaN");
        assertThat(refused("{\"a\": -Infinity}")).contains("NaN/Infinity");
        assertThat(refused("{\"a\": 1} x")).contains("text after the JSON value");
        assertThat(refused("{\"a\": 1}{}")).contains("text after the JSON value");
        assertThat(refused("{\"a\": 1,}")).isNotEmpty();
        assertThat(refused("{\"a\" = 1}")).isNotEmpty();
        assertThat(refused(")]}'\n{}")).isNotEmpty();
        assertThat(refused("{\"a\": \"tab\there\"}")).isNotEmpty();
    }

    @Test
    void refusesDuplicateKeysAtAnyDepth() {
        assertThat(refused("{\"a\": 1, \"a\": 2}")).contains("has the key \"a\" twice");
        assertThat(refused("{\"x\": {\"b\": 1, \"b\": 1}}")).contains("has the key \"b\" twice").contains("$.x");
    }

    @Test
    void refusesEmptyCutAndDeepDocuments() {
        assertThat(refused("")).contains("ends too early");
        assertThat(refused("{\"a\": [1, 2")).contains("ends too early");
        assertThat(refused("[".repeat(10_000))).contains("nested too deeply");
        assertThat(refused("{\"a\": 1e99999999999}")).contains("number is out of range");
    }

    @Test
    void objectRequiredWhereAskedFor() {
        String m = assertThrows(LaminarException.class, () -> StrictJson.parseObject("[1]", "x.json", "fix"))
                .getMessage();
        assertThat(m).isEqualTo("x.json is not a JSON object {...} but an array; fix");
    }

    @Test
    void readsFilesAsStrictUtf8(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("c.json");
        Files.write(f, new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'});
        assertThat(assertThrows(LaminarException.class, () -> StrictJson.readObject(f, "fix")).getMessage())
                .isEqualTo(f + " is not UTF-8 text; fix");
        assertThat(assertThrows(LaminarException.class, () -> StrictJson.readObject(tmp.resolve("no"), "fix"))
                .getMessage()).contains("no such file");
        Files.writeString(f, "{\"k\": \"v\"}");
        JsonElement e = StrictJson.readObject(f, "fix").get("k");
        assertThat(e.getAsString()).isEqualTo("v");
    }

    @Test
    void messagesShowFileTextWithoutControlCharacters() {
        assertThat(StrictJson.printable("a\nb\u0000")).isEqualTo("a\\u000ab\\u0000");
        assertThat(StrictJson.printable("x".repeat(100))).hasSize(83).endsWith("...");
    }
}

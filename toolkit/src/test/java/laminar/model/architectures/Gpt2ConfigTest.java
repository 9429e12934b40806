package laminar.model.architectures;

import laminar.LaminarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * config.json read strictly, on real files: the bundled checkpoint's config with one field broken at a time. Every
 * field laminar reads must have its JSON type and range; nothing is coerced (HF's Python would read
 * {@code "scale_attn_weights": 1} as true and {@code "maybe"} as true too, laminar used to read both as false).
 */
class Gpt2ConfigTest {

    private static final Path BUNDLED = Path.of("..", "golden", "models", "tiny-gpt2", "config.json");

    @TempDir
    Path tmp;

    private Gpt2Config withConfig(String text) throws IOException {
        Files.writeString(tmp.resolve("config.json"), text);
        return Gpt2Config.read(tmp);
    }

    /** The bundled config with {@code "key": old} replaced by {@code "key": value}. */
    private String bundledWith(String key, String value) throws IOException {
        String text = Files.readString(BUNDLED);
        String out = text.replaceFirst("\"" + key + "\": [^,\\n]+", "\"" + key + "\": " + java.util.regex.Matcher.quoteReplacement(value));
        assertThat(out).as("bundled config has " + key).isNotEqualTo(text);
        return out;
    }

    private String refused(String key, String value) throws IOException {
        String text = bundledWith(key, value);
        String m = assertThrows(LaminarException.class, () -> withConfig(text)).getMessage();
        assertThat(m).startsWith(tmp.resolve("config.json").toString()).doesNotContain("\n")
                .doesNotContain("http").doesNotContainIgnoringCase("gson");
        return m;
    }

    @Test
    void bundledConfigReads() throws IOException {
        Gpt2Config c = withConfig(Files.readString(BUNDLED));
        assertThat(c.nLayer()).isEqualTo(12);
        assertThat(c.nEmbd()).isEqualTo(64);
        assertThat(c.nInner()).isEqualTo(256); // null: 4 * n_embd
        assertThat(c.layerNormEpsilon()).isEqualTo(1e-5);
        assertThat(c.scaleAttnWeights()).isTrue();
        assertThat(c.scaleAttnByInverseLayerIdx()).isFalse();
    }

    @Test
    void booleansOfTheWrongTypeAreRefusedNamingTheField() throws IOException {
        assertThat(refused("scale_attn_weights", "1")).contains("scale_attn_weights must be true or false, got 1");
        assertThat(refused("scale_attn_weights", "\"maybe\"")).contains("must be true or false, got \"maybe\"");
        assertThat(refused("scale_attn_weights", "{}")).contains("must be true or false, got {}");
        assertThat(refused("scale_attn_weights", "null")).contains("must be true or false, got null");
        assertThat(refused("scale_attn_by_inverse_layer_idx", "\"false\""))
                .contains("scale_attn_by_inverse_layer_idx must be true or false");
        assertThat(withConfig(bundledWith("scale_attn_weights", "false")).scaleAttnWeights()).isFalse();
    }

    @Test
    void sizesMustBePositiveIntegersAndConsistent() throws IOException {
        assertThat(refused("n_layer", "-1")).contains("n_layer must be an integer from 1 to 10000, got -1");
        assertThat(refused("n_layer", "0")).contains("n_layer must be an integer from 1");
        assertThat(refused("n_layer", "2.5")).contains("n_layer must be an integer, got 2.5");
        assertThat(refused("n_layer", "\"12\"")).contains("n_layer must be a number, got \"12\"");
        assertThat(refused("n_head", "0")).contains("n_head must be an integer from 1");
        assertThat(refused("n_head", "5")).contains("n_embd 64 is not divisible by n_head 5");
        assertThat(refused("n_embd", "1e10")).contains("n_embd must be an integer from 1 to 1048576");
        assertThat(refused("vocab_size", "true")).contains("vocab_size must be a number, got true");
        assertThat(refused("n_positions", "-64")).contains("n_positions must be an integer");
        assertThat(refused("n_inner", "0")).contains("n_inner must be an integer from 1");
        assertThat(withConfig(bundledWith("n_layer", "12.0")).nLayer()).isEqualTo(12);
        assertThat(withConfig(bundledWith("n_inner", "100")).nInner()).isEqualTo(100);
    }

    @Test
    void layerNormEpsilonMustBeFiniteAndPositive() throws IOException {
        assertThat(refused("layer_norm_epsilon", "-1e-05")).contains("layer_norm_epsilon must be greater than 0, got -0.00001");
        assertThat(refused("layer_norm_epsilon", "0")).contains("layer_norm_epsilon must be greater than 0, got 0");
        assertThat(refused("layer_norm_epsilon", "1e400")).contains("layer_norm_epsilon must be a finite number");
        assertThat(refused("layer_norm_epsilon", "\"1e-5\"")).contains("layer_norm_epsilon must be a number");
        assertThat(refused("layer_norm_epsilon", "NaN")).contains("is not valid JSON").contains("NaN");
    }

    @Test
    void stringsOfTheWrongTypeAreRefused() throws IOException {
        assertThat(refused("model_type", "[\"gpt2\"]")).contains("model_type must be a string");
        assertThat(refused("activation_function", "1")).contains("activation_function must be a string, got 1");
    }

    @Test
    void lenientJsonIsRefused() throws IOException {
        String bundled = Files.readString(BUNDLED);
        String comment = bundled.replace("\"n_layer\": 12,", "\"n_layer\": 12, // twelve");
        assertThat(assertThrows(LaminarException.class, () -> withConfig(comment)).getMessage())
                .contains("is not valid JSON").contains("comment").contains("line 17");
        String duplicate = bundled.replace("\"n_layer\": 12,", "\"n_layer\": 12, \"n_layer\": 2,");
        assertThat(assertThrows(LaminarException.class, () -> withConfig(duplicate)).getMessage())
                .contains("has the key \"n_layer\" twice");
        String unquoted = bundled.replace("\"n_layer\": 12,", "n_layer: 12,");
        assertThat(assertThrows(LaminarException.class, () -> withConfig(unquoted)).getMessage())
                .contains("is not valid JSON");
        assertThat(assertThrows(LaminarException.class, () -> withConfig(bundled + "\n{}")).getMessage())
                .contains("text after the JSON value");
        assertThat(assertThrows(LaminarException.class, () -> withConfig("[]")).getMessage())
                .contains("is not a JSON object {...} but an array");
    }
}

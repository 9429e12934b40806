package laminar.model.io;

import laminar.model.Activations;
import laminar.model.Qkv;
import laminar.LaminarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Damaged activation files, written as real safetensors files: every metadata field and the notebook layout's
 * shapes are checked, each refusal names the field (these used to end in "internal error").
 */
class ActivationsMetadataTest {

    @TempDir
    Path tmp;

    /** A file with 2 layers of [2 words, 2 columns, 3] float32 tensors and {@code meta} as __metadata__. */
    private Path file(Map<String, String> meta, long... shape) throws IOException {
        long[] s = shape.length == 0 ? new long[] {2, 2, 3} : shape;
        Map<String, float[]> tensors = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (int l = 0; l < 2; l++) {
            for (Qkv k : Qkv.values()) {
                tensors.put(ActivationsFile.key(l, k), new float[(int) (s[0] * s[1] * s[2])]);
                shapes.put(ActivationsFile.key(l, k), s);
            }
        }
        Path f = tmp.resolve("a" + System.nanoTime() + ".safetensors");
        SafeTensorsWriter.writeFloat32(f, tensors, shapes, meta);
        return f;
    }

    private static Map<String, String> good() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", ActivationsFile.FORMAT);
        m.put("words", "[\"sun\",\"moon\"]");
        m.put("token_ids", "[[464,1306],[464,7]]");
        m.put("n_layer", "2");
        m.put("n_embd", "3");
        m.put("columns", "2");
        m.put("alignment", "right");
        return m;
    }

    private String refused(String key, String value) throws IOException {
        Map<String, String> m = good();
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        Path f = file(m);
        String msg = assertThrows(LaminarException.class, () -> ActivationsFile.read(f)).getMessage();
        assertThat(msg).startsWith(f.toString()).doesNotContain("\n").doesNotContain("http");
        return msg;
    }

    @Test
    void goodMetadataReads() throws IOException {
        Activations a = ActivationsFile.read(file(good()));
        assertThat(a.words()).containsExactly("sun", "moon");
        assertThat(a.nLayers()).isEqualTo(2);
        assertThat(a.columns()).isEqualTo(2);
    }

    @Test
    void tokenListsMustMatchTheWords() throws IOException {
        assertThat(refused("token_ids", "[[464,1306]]")).contains("token_ids has 1 token lists for 2 words");
        assertThat(refused("token_ids", "[[464,1306],[]]")).contains("token_ids[1] must be a non-empty array");
        assertThat(refused("token_ids", "[[464,1.5],[1,2]]")).contains("[0][1] must be an integer, got 1.5");
        assertThat(refused("token_ids", "[[464,\"x\"],[1,2]]")).contains("[0][1] must be a number");
        assertThat(refused("token_ids", "{\"a\":1}")).contains("token_ids must be a JSON array");
        assertThat(refused("token_ids", "[[1,2],[1,2]] trailing")).contains("text after the JSON value");
        assertThat(refused("token_ids", null)).contains("__metadata__ has no token_ids");
    }

    @Test
    void wordsMustBeAnArrayOfStrings() throws IOException {
        assertThat(refused("words", "[\"sun\",2]")).contains("words[1] must be a string, got 2");
        assertThat(refused("words", "[]")).contains("words must be a non-empty JSON array");
        assertThat(refused("words", "['sun','moon']")).contains("is not valid JSON");
        assertThat(refused("words", "[\"sun\",\"moon\",\"star\"]")).contains("3 words");
    }

    @Test
    void countsMustBePositiveWholeNumbers() throws IOException {
        assertThat(refused("n_layer", "-2")).contains("n_layer must be a whole number from 1 to 10000, got \"-2\"");
        assertThat(refused("n_layer", "0")).contains("n_layer must be a whole number");
        assertThat(refused("n_layer", "2.0")).contains("n_layer must be a whole number");
        assertThat(refused("n_layer", "99999999999")).contains("n_layer must be a whole number");
        assertThat(refused("n_layer", "3")).contains("tensor attn_2_q is missing");
        assertThat(refused("n_embd", "three")).contains("n_embd must be a whole number");
        assertThat(refused("n_embd", "4")).contains("tensor attn_0_q is missing or not float32 [2, 2, 4]");
        assertThat(refused("columns", "5")).contains("columns is \"5\" but the longest token_ids list has 2");
        assertThat(refused("alignment", "left")).contains("alignment is \"left\"");
    }

    @Test
    void notebookLayoutNeedsTokensAndDimensions() throws IOException {
        Map<String, String> none = Map.of();
        Path noColumns = file(none, 2, 0, 3);
        assertThat(assertThrows(LaminarException.class, () -> ActivationsFile.read(noColumns, List.of("a", "b")))
                .getMessage()).contains("attn_0_q has shape [2, 0, 3]: no token columns");
        Path noDims = file(none, 2, 2, 0);
        assertThat(assertThrows(LaminarException.class, () -> ActivationsFile.read(noDims, List.of("a", "b")))
                .getMessage()).contains("no dimensions");
        Path ok = file(none, 2, 2, 3);
        assertThat(ActivationsFile.read(ok, List.of("a", "b")).nLayers()).isEqualTo(2);
    }
}

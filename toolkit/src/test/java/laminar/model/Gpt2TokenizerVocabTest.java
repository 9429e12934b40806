package laminar.model;

import laminar.LaminarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A checkpoint with vocab.json + merges.txt only: the vocab is strict JSON (it used to end in "internal error"). */
class Gpt2TokenizerVocabTest {

    private static final Path BUNDLED = Path.of("..", "golden", "models", "tiny-gpt2");

    @Test
    void malformedVocabIsABadInputNamingTheFile(@TempDir Path dir) throws IOException {
        Files.copy(BUNDLED.resolve("merges.txt"), dir.resolve("merges.txt"));
        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, \"a\": 1}");
        assertThat(assertThrows(LaminarException.class, () -> Gpt2Tokenizer.load(dir)).getMessage())
                .isEqualTo(dir.resolve("vocab.json") + " has the key \"a\" twice (at $.a): JSON keys must be unique"
                        + " (which one would count is undefined); restore vocab.json from the model's repository (or"
                        + " add its tokenizer.json)");
        Files.writeString(dir.resolve("vocab.json"), "{'a': 0}");
        assertThat(assertThrows(LaminarException.class, () -> Gpt2Tokenizer.load(dir)).getMessage())
                .startsWith(dir.resolve("vocab.json") + " is not valid JSON (");
    }

    @Test
    void theBundledVocabBuildsTheSameIdsAsTokenizerJson(@TempDir Path dir) throws IOException {
        Files.copy(BUNDLED.resolve("merges.txt"), dir.resolve("merges.txt"));
        Files.copy(BUNDLED.resolve("vocab.json"), dir.resolve("vocab.json"));
        String text = "The next word is galaxy";
        try (Gpt2Tokenizer fromVocab = Gpt2Tokenizer.load(dir); Gpt2Tokenizer fromJson = Gpt2Tokenizer.load(BUNDLED)) {
            assertThat(fromVocab.encode(text).ids()).containsExactly(fromJson.encode(text).ids());
            assertThat(fromVocab.encode(text).ids()).hasSize(5);
        }
    }
}

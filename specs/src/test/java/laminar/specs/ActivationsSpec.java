package laminar.specs;

import laminar.model.ExtractionOptions;
import laminar.model.Activations;
import laminar.model.Gpt2Extractor;
import laminar.model.Gpt2Tokenizer;
import laminar.model.Qkv;
import laminar.model.TokenizedStimuli;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Part 1: laminar's Q, K and V for the bundled checkpoint and the notebook's 34 sentences equal the activations
 * the notebook's own hooks stored (golden/values/notebook-34/activations.safetensors), for every layer, every
 * token position and each of Q, K, V.
 *
 * <p>Tolerance ({@link Tolerances#ACTIVATION_RELATIVE}, 2e-4): max |laminar - golden| over a layer's array,
 * divided by max |golden| of that array. Both sides are float32 forwards of the same weights; they differ only in
 * summation order (BLAS blocking, softmax, laminar's shared prefix computed once), i.e. rounding of order 1e-7
 * relative per op that grows through 12 layers to ~1e-6. 2e-4 leaves two orders of magnitude of margin, while any
 * real mistake (mask, scale, eps, GELU form, weight layout) moves activations by percent.
 */
class ActivationsSpec {

    /** The words of golden/words/notebook-34.tsv (category TAB word), in file order. */
    private static List<String> wordsFromTsv() throws IOException {
        List<String> words = new ArrayList<>();
        for (String line : Files.readAllLines(Golden.root().resolve("words/notebook-34.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            words.add(line.split("\t")[1].strip());
        }
        return words;
    }

    private static double worst(Activations actual, Activations golden, Qkv kind, int layer) {
        float[] a = actual.all(layer, kind);
        float[] g = golden.all(layer, kind);
        assertThat(a).as("layer %d %s size", layer, kind).hasSameSizeAs(g);
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < g.length; i++) {
            diff = Math.max(diff, Math.abs(a[i] - g[i]));
            scale = Math.max(scale, Math.abs(g[i]));
        }
        return diff / scale;
    }

    private static void assertMatchesGolden(Activations actual) {
        Activations golden = Golden.notebook34().activations();
        assertThat(actual.nLayers()).isEqualTo(golden.nLayers());
        assertThat(actual.nEmbd()).isEqualTo(golden.nEmbd());
        assertThat(actual.columns()).isEqualTo(golden.columns());
        for (int l = 0; l < golden.nLayers(); l++) {
            for (Qkv k : Qkv.values()) {
                assertThat(worst(actual, golden, k, l)).as("layer %d %s: max abs error / activation scale", l, k)
                        .isLessThanOrEqualTo(Tolerances.ACTIVATION_RELATIVE);
            }
        }
    }

    @Test
    void theWordListIsTheNotebooks() throws IOException {
        assertThat(wordsFromTsv()).hasSize(34).containsExactlyElementsOf(Golden.notebook34().words().texts());
    }

    @Test
    void tokenIdsEqualTheNotebooks() throws IOException {
        Golden g = Golden.notebook34();
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(Golden.checkpoint())) {
            TokenizedStimuli s = TokenizedStimuli.of(tok, g.template(), wordsFromTsv());
            assertThat(s.tokenIds()).isDeepEqualTo(g.tokenIds());
            assertThat(s.irregular()).as("every notebook word is one token at the sentence end").isEmpty();
        }
        assertThat(Fixtures.extracted().tokenIds()).isDeepEqualTo(g.tokenIds());
    }

    @Test
    void qkvOfEveryLayerAndPositionEqualTheNotebooksHooks() {
        assertMatchesGolden(Fixtures.extracted()); // the default path: shared prefix computed once
    }

    @Test
    void theFullForwardWithoutPrefixSharingAlsoEqualsTheHooks() throws IOException {
        Golden g = Golden.notebook34();
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(Golden.checkpoint());
             Gpt2Extractor ex = Gpt2Extractor.open(Golden.checkpoint(),
                     ExtractionOptions.defaults().withSharePrefix(false))) {
            Activations full = ex.extract(TokenizedStimuli.of(tok, g.template(), wordsFromTsv()));
            assertThat(ex.lastStats().rowsComputed()).isEqualTo(34 * 5);
            assertMatchesGolden(full);
        }
    }
}

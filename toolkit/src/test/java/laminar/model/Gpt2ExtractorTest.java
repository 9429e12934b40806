package laminar.model;

import laminar.model.architectures.Gpt2Config;
import laminar.model.io.ActivationsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forward pass against PyTorch (committed fixture) and the shared-prefix path against the full one. */
class Gpt2ExtractorTest {

    @TempDir
    Path tmp;

    static Path fixture() {
        try {
            return Path.of(Gpt2ExtractorTest.class.getResource("/laminar/model/torch-reference/config.json").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Activations run(Path dir, TokenizedStimuli s, boolean share) {
        try (Gpt2Extractor ex = Gpt2Extractor.open(dir, ExtractionOptions.defaults().withSharePrefix(share)
                .withThreads(1))) {
            Activations a = ex.extract(s);
            ExtractionStats st = ex.lastStats();
            if (share) {
                assertTrue(st.prefixTokens() > 0);
                assertTrue(st.rowsComputed() < st.rowsFull());
            } else {
                assertEquals(st.rowsFull(), st.rowsComputed());
            }
            return a;
        }
    }

    /**
     * PyTorch's Q/K/V (HF's GPT-2 code path, each sentence alone, see make_forward_fixture.py) for seven sentences
     * of four different lengths, on a checkpoint with the transformer. prefix, mask buffers and an lm_head.
     */
    @Test
    void equalsPyTorchOnUnequalSentences() {
        Path dir = fixture();
        Activations expected = ActivationsFile.read(dir.resolve("expected.safetensors"));
        TokenizedStimuli s = TokenizedStimuli.ofTokenIds(expected.words(), expected.tokenIds());
        for (boolean share : new boolean[] {true, false}) {
            Activations got = run(dir, s, share);
            double err = ExtractorAssertions.relativeError(got, expected);
            assertTrue(err <= ExtractorAssertions.TOLERANCE, "share=" + share + ": relative error " + err);
            assertTrue(err < 1e-5, "float32 agreement expected, got " + err);
        }
    }

    @Test
    void sharedPrefixEqualsFullForward() {
        Path dir = tmp.resolve("m");
        TestCheckpoints.tiny(dir, RandomCheckpoint.Spec.of(Gpt2Config.of(3, 4, 32, 64, 1), 21));
        TokenizedStimuli s;
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(dir)) {
            // galaxy/sofa/pear are one token, banana is six: two lengths
            s = TokenizedStimuli.of(tok, "The next word is {word}", List.of("galaxy", "sofa", "banana", "pear"));
        }
        Activations shared = run(dir, s, true);
        Activations full = run(dir, s, false);
        assertTrue(ExtractorAssertions.relativeError(shared, full) <= 1e-5);
        // Right alignment: the short sentences are preceded by zero columns.
        int columns = shared.columns();
        assertEquals(s.tokenIds()[2].length, columns);
        float[] q = shared.all(0, Qkv.Q);
        int d = shared.nEmbd();
        for (int c = 0; c < columns - 5; c++) {
            for (int j = 0; j < d; j++) {
                assertEquals(0f, q[(0 * columns + c) * d + j]);
            }
        }
        // The prefix rows are replicated: column of token 0 of sentence 0 equals that of sentence 1.
        int off = columns - 5;
        for (int j = 0; j < d; j++) {
            assertEquals(q[(0 * columns + off) * d + j], q[(1 * columns + off) * d + j]);
        }
    }

    @Test
    void aSentenceSeesOnlyItself() {
        // The same sentence alone and among others of other lengths gives the same Q/K/V.
        Path dir = tmp.resolve("m");
        TestCheckpoints.tiny(dir);
        TokenizedStimuli all;
        TokenizedStimuli alone;
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(dir)) {
            all = TokenizedStimuli.of(tok, "The next word is {word}", List.of("banana", "galaxy", "kiwi fruit"));
            alone = TokenizedStimuli.of(tok, "The next word is {word}", List.of("galaxy"));
        }
        Activations a = run(dir, all, true);
        Activations b;
        try (Gpt2Extractor ex = Gpt2Extractor.open(dir, ExtractionOptions.defaults())) {
            b = ex.extract(alone);
        }
        float[] last = a.rows(1, Qkv.K, TokenPosition.LAST);
        float[] lastAlone = b.rows(1, Qkv.K, TokenPosition.LAST);
        int d = a.nEmbd();
        for (int j = 0; j < d; j++) {
            assertEquals(lastAlone[j], last[d + j], 1e-5f);
        }
    }

    @Test
    void tokenIdsAndWordsAreKept() {
        Path dir = fixture();
        Activations expected = ActivationsFile.read(dir.resolve("expected.safetensors"));
        Activations got = run(dir, TokenizedStimuli.ofTokenIds(expected.words(), expected.tokenIds()), true);
        assertEquals(expected.words(), got.words());
        assertArrayEquals(expected.tokenIds(), got.tokenIds());
        assertEquals(3, got.nLayers());
    }
}

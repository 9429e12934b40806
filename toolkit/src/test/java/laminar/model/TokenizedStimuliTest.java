package laminar.model;

import laminar.LaminarException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizedStimuliTest {

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void checkpoint() {
        dir = tmp.resolve("m");
        TestCheckpoints.tiny(dir);
    }

    private TokenizedStimuli of(String template, List<String> words) {
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(dir)) {
            return TokenizedStimuli.of(tok, template, words);
        }
    }

    @Test
    void singleTokenWordsAreRegular() {
        TokenizedStimuli s = of("The next word is {word}", List.of("galaxy", "sofa"));
        assertEquals(List.of("The next word is galaxy", "The next word is sofa"), s.sentences());
        assertEquals(5, s.tokenIds()[0].length);
        assertEquals(1, s.wordTokens(0));
        assertTrue(s.irregular().isEmpty());
        assertEquals("", s.report());
        // the shared template tokens are identical
        assertArrayEquals(java.util.Arrays.copyOf(s.tokenIds()[0], 4), java.util.Arrays.copyOf(s.tokenIds()[1], 4));
    }

    @Test
    void multiTokenWordsAreReportedWithWhatIsAnalysed() {
        TokenizedStimuli s = of("The next word is {word}", List.of("galaxy", "kiwi", "sofa"));
        assertEquals(List.of(1), s.irregular());
        assertTrue(s.wordTokens(1) > 1);
        String r = s.report();
        assertTrue(r.contains("1 of 3 words is not a single token"), r);
        assertTrue(r.contains("kiwi:") && r.contains("analysed 'i'"), r);
        assertTrue(s.tokenIds()[1].length > s.tokenIds()[0].length, "unequal lengths");
    }

    @Test
    void templateTextAfterTheWordIsReported() {
        TokenizedStimuli s = of("{word} is next", List.of("galaxy"));
        assertTrue(s.report().contains("after the word, from the template"), s.report());
    }

    @Test
    void badTemplatesAndWordLists() {
        assertTrue(assertThrows(LaminarException.class, () -> of("no placeholder", List.of("a"))).getMessage()
                .contains("exactly once"));
        assertTrue(assertThrows(LaminarException.class, () -> of("{word} {word}", List.of("a"))).getMessage()
                .contains("exactly once"));
        assertTrue(assertThrows(LaminarException.class, () -> of("The next word is {word}", List.of()))
                .getMessage().contains("word list is empty"));
        assertTrue(assertThrows(LaminarException.class, () -> of("The next word is {word}", List.of("a", " ")))
                .getMessage().contains("word 2"));
    }

    @Test
    void sentenceLongerThanTheContext() {
        TokenizedStimuli s = of("The next word is {word}", List.of("galaxy", "supercalifragilistic"));
        String m = assertThrows(LaminarException.class, () -> s.checkFits(16)).getMessage();
        assertTrue(m.contains("more than the model's n_positions 16"), m);
        // and the extractor refuses it before any compute
        try (Gpt2Extractor ex = Gpt2Extractor.open(dir, ExtractionOptions.defaults())) {
            assertThrows(LaminarException.class, () -> ex.extract(of("{word}", List.of("x".repeat(80)))));
        }
    }

    @Test
    void fallbackFromVocabAndMergesGivesTheSameIds() throws IOException {
        TokenizedStimuli viaJson = of("The next word is {word}", List.of("galaxy", "kiwi"));
        Files.delete(dir.resolve("tokenizer.json"));
        TokenizedStimuli viaMerges = of("The next word is {word}", List.of("galaxy", "kiwi"));
        assertArrayEquals(viaJson.tokenIds(), viaMerges.tokenIds());
    }

    @Test
    void realGpt2TokenizerWhenBundled() {
        Path golden = Path.of(System.getProperty("user.dir")).resolveSibling("golden").resolve("models/tiny-gpt2");
        if (!Files.isRegularFile(golden.resolve("tokenizer.json"))) {
            return; // the bundled checkpoint is checked by the specs
        }
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(golden)) {
            // GPT-2's ids for "The next word is galaxy" (transformers' tokenizer.encode)
            assertArrayEquals(new int[] {464, 1306, 1573, 318, 16161}, tok.encode("The next word is galaxy").ids());
        }
    }
}

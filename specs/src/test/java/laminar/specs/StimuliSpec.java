package laminar.specs;

import laminar.model.Gpt2Tokenizer;
import laminar.stimuli.Template;
import laminar.stimuli.WordList;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The stimuli: the notebook's 34 words and their token ids through DJL's tokenizer, against the golden export. */
class StimuliSpec {

    private final Golden golden = Golden.notebook34();

    @Test
    void theBundledWordListIsTheNotebooks() {
        assertThat(WordList.notebook()).isEqualTo(golden.words());
        assertThat(WordList.notebook().categories()).containsExactly("astronomy", "household", "fruit");
        assertThat(WordList.notebook().counts().values()).containsExactly(10, 13, 11);
    }

    @Test
    void everySentenceTokenizesAsInTheNotebook() {
        int[][] expected = golden.tokenIds();
        Template template = new Template(golden.template());
        try (Gpt2Tokenizer tokenizer = Gpt2Tokenizer.load(Golden.checkpoint())) {
            for (int i = 0; i < expected.length; i++) {
                String sentence = template.fill(golden.words().texts().get(i));
                assertThat(tokenizer.encode(sentence).ids()).as(sentence).containsExactly(expected[i]);
            }
        }
        assertThat(expected).hasNumberOfRows(34);
        assertThat(expected[0]).containsExactly(464, 1306, 1573, 318, 16161); // "The next word is galaxy" in GPT-2
    }
}

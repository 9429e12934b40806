package laminar.stimuli;

import laminar.LaminarException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateTest {

    @Test
    void fillsTheWord() {
        assertThat(Template.NOTEBOOK.fill("galaxy")).isEqualTo("The next word is galaxy");
        assertThat(new Template("{word} is next").fill("moon")).isEqualTo("moon is next");
    }

    @Test
    void needsThePlaceholderExactlyOnce() {
        assertThatThrownBy(() -> new Template("The next word is")).isInstanceOf(LaminarException.class)
                .hasMessageContaining("{word} exactly once");
        assertThatThrownBy(() -> new Template("{word} and {word}")).isInstanceOf(LaminarException.class);
    }
}

package laminar.stimuli;

import laminar.LaminarException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WordListTest {

    @Test
    void parsesCategoriesInOrderOfFirstAppearanceIgnoringCommentsAndBlankLines() {
        WordList w = WordList.parse("# stimuli\n\nfruit\tpear\ntools\thammer\nfruit\tapple\r\nanimals\tcat\n", "t");
        assertThat(w.texts()).containsExactly("pear", "hammer", "apple", "cat");
        assertThat(w.categories()).containsExactly("fruit", "tools", "animals");
        assertThat(w.categoryCodes()).containsExactly(0, 1, 0, 2);
        assertThat(w.counts()).containsEntry("fruit", 2).containsEntry("tools", 1);
    }

    @Test
    void theNotebookListHas34WordsInThreeCategories() {
        assertThat(WordList.notebook().size()).isEqualTo(34);
        assertThat(WordList.notebook().categoryCodes()[10]).isEqualTo(1); // ceiling: first household word
    }

    @Test
    void rejectsALineWithoutATab() {
        assertThatThrownBy(() -> WordList.parse("fruit pear\nx\ty\n", "words.tsv"))
                .isInstanceOf(LaminarException.class).hasMessageContaining("words.tsv:1").hasMessageContaining("tab");
    }

    @Test
    void rejectsASingleCategory() {
        assertThatThrownBy(() -> WordList.parse("a\tx\na\ty\n", "f"))
                .isInstanceOf(LaminarException.class).hasMessageContaining("at least 2");
    }

    @Test
    void rejectsCategoriesWithoutWithinPairs() {
        assertThatThrownBy(() -> WordList.parse("a\tx\nb\ty\nc\tz\n", "f"))
                .isInstanceOf(LaminarException.class).hasMessageContaining("no within-category pairs");
    }

    @Test
    void rejectsDuplicateWords() {
        assertThatThrownBy(() -> WordList.parse("a\tx\na\ty\nb\tx\n", "f"))
                .isInstanceOf(LaminarException.class).hasMessageContaining("duplicate word 'x'");
    }

    @Test
    void rejectsAnEmptyList() {
        assertThatThrownBy(() -> WordList.parse("# nothing\n\n", "f"))
                .isInstanceOf(LaminarException.class).hasMessageContaining("no words");
    }

    @Test
    void rejectsAMissingFileAndInvalidUtf8(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> WordList.read(dir.resolve("nope.tsv")))
                .isInstanceOf(LaminarException.class).hasMessageContaining("not found");
        Path bad = dir.resolve("latin1.tsv");
        Files.write(bad, new byte[] {'a', '\t', (byte) 0xE9, '\n', 'b', '\t', 'x', '\n'});
        assertThatThrownBy(() -> WordList.read(bad))
                .isInstanceOf(LaminarException.class).hasMessageContaining("UTF-8");
    }
}

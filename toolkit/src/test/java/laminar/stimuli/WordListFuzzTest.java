package laminar.stimuli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import laminar.LaminarException;

/**
 * Fuzzes the words-file parser: any bytes either give a valid word list or a {@link LaminarException}; any
 * other exception is a finding (corpus in {@code WordListFuzzTestInputs/}).
 */
class WordListFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void words(@NotNull byte[] bytes) {
        try {
            WordList w = WordList.parse(bytes, "words.tsv");
            if (w.categories().size() < 2 || w.texts().stream().anyMatch(String::isBlank)) {
                throw new AssertionError("accepted an unusable word list: " + w);
            }
        } catch (LaminarException expected) {
            // refused with a message: fine
        }
    }
}

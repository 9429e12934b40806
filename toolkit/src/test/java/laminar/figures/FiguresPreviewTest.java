package laminar.figures;

import laminar.analysis.LaminarResults;
import laminar.stimuli.WordList;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Writes the figures of synthetic notebook-sized results to {@code target/figures-preview} for looking at them:
 * {@code mvn -pl toolkit test -Dtest=FiguresPreviewTest -Dlaminar.figures.preview=true}.
 */
class FiguresPreviewTest {

    @Test
    void preview() {
        String dir = System.getProperty("laminar.figures.preview");
        assumeTrue(dir != null, "set -Dlaminar.figures.preview=DIR (or true) to write preview figures");
        Path out = Path.of(dir.equals("true") ? "target/figures-preview" : dir);
        WordList words = Synthetic.words(34, 3, true);
        LaminarResults r = Synthetic.results(words, 48, 6, 42);
        Figures.Report report = Figures.writeAll(r, Synthetic.activations(words, 48, 6, 1600, 7), out);
        assertThat(report.failures()).isEmpty();
        System.out.println("preview figures in " + out.toAbsolutePath());
    }
}

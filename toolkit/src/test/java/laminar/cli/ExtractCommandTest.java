package laminar.cli;

import laminar.model.Activations;
import laminar.model.Qkv;
import laminar.model.io.ActivationsFile;
import laminar.stimuli.WordList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code laminar extract}: run's extraction stage alone. Its activations equal the notebook's own export on the
 * bundled checkpoint, its file records the model's heads for {@code analyze --per-head}, and it follows run's
 * output-folder and bad-input rules.
 */
class ExtractCommandTest {

    private static final Path GOLDEN = Path.of("..", "golden", "values", "notebook-34", "activations.safetensors");

    @Test
    void theActivationsEqualTheNotebooksOwnAndRecordTheHeads(@TempDir Path tmp) {
        Path out = tmp.resolve("acts");
        MainTest.Outcome o = MainTest.run("extract", "--model", MainTest.BUNDLED.toString(), "--out", out.toString(),
                "--quiet", "--threads", "1");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("prefix 4 tokens").contains("peak RSS");
        Path file = out.resolve("activations.safetensors");
        Activations got = ActivationsFile.read(file);
        Activations golden = ActivationsFile.read(GOLDEN, WordList.notebook().texts());
        assertThat(got.words()).isEqualTo(golden.words());
        for (int l = 0; l < golden.nLayers(); l++) {
            for (Qkv k : Qkv.values()) {
                float[] a = got.all(l, k);
                float[] e = golden.all(l, k);
                assertThat(a).hasSameSizeAs(e);
                double diff = 0;
                double scale = 0;
                for (int i = 0; i < e.length; i++) {
                    diff = Math.max(diff, Math.abs(a[i] - e[i]));
                    scale = Math.max(scale, Math.abs(e[i]));
                }
                assertThat(diff / scale).as("layer %d %s", l, k).isLessThanOrEqualTo(2e-4);
            }
        }
        Map<String, String> meta = ActivationsFile.metadata(file);
        assertThat(meta).containsEntry(ActivationsFile.HEADS, "4").containsEntry(ActivationsFile.KV_HEADS, "4")
                .containsEntry("template", "The next word is {word}");
        assertThat(out).isDirectoryContaining(p -> p.getFileName().toString().equals("activations.safetensors"));
        assertThat(out.resolve("results.json")).doesNotExist();
    }

    @Test
    void aFolderLaminarDidNotWriteIsNeverReplacedAndBadWordsWriteNothing(@TempDir Path tmp) throws Exception {
        Path mine = Files.createDirectory(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep");
        MainTest.Outcome o = MainTest.run("extract", "--model", MainTest.BUNDLED.toString(), "--out", mine.toString(),
                "--quiet", "--force");
        assertThat(o.code()).isEqualTo(2);
        assertThat(mine.resolve("notes.txt")).hasContent("keep");
        Path words = Files.writeString(tmp.resolve("words.tsv"), "");
        o = MainTest.run("extract", "--model", MainTest.BUNDLED.toString(), "--words", words.toString(), "--out",
                tmp.resolve("o").toString(), "--quiet");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains(words.toString());
        assertThat(tmp.resolve("o")).doesNotExist();
    }
}

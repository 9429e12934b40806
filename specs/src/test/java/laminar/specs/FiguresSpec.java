package laminar.specs;

import com.google.gson.JsonObject;
import laminar.analysis.LaminarAnalysis;
import laminar.analysis.LaminarResults;
import laminar.figures.FigureFiles;
import laminar.figures.Figures;
import laminar.figures.plot.PyFormat;
import laminar.kernels.Backends;
import laminar.model.Activations;
import laminar.model.TokenPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5: the figures, rendered from laminar's results on the golden stimuli, checked mechanically against what
 * the notebook's own run wrote (golden/values/&lt;set&gt;/): every file in both formats; each PNG has the pixel
 * size of the notebook's own {@code ch6_proj38_<name>.png} (figsize × 300 dpi) and says 300 dpi; each SVG is
 * well-formed XML and its titles carry the golden numbers formatted as the notebook's f-strings format them.
 *
 * <p>Three inputs: the notebook's own activations (notebook-34: sorted categories), laminar end to end from the
 * bundled checkpoint (what {@code laminar demo} draws), and the second golden set (other-4cat: 7 layers,
 * interleaved categories, so Part 3a must be shown sorted and say so). Setting {@code -Dlaminar.figures.out=DIR}
 * keeps the figures of the golden sets in {@code DIR/<set>/} for looking at them next to
 * golden/values/&lt;set&gt;/figures/.
 */
class FiguresSpec {

    private static final List<String> NOTEBOOK_FIGURES = List.of("part1", "part2a", "part2b", "part3a", "part3b",
            "part4", "part5", "part6a", "part6b", "part7a", "part7b");

    @Test
    void notebookActivations(@TempDir Path tmp) throws Exception {
        Path dir = output(tmp, "notebook-34");
        Golden g = Golden.notebook34();
        writeAndCheck(g, Fixtures.onGoldenActivations("java"), g.activations(), dir);
        assertThat(FigureFiles.texts(dir.resolve("part3a.svg")))
                .noneMatch(t -> t.startsWith("Rows and columns sorted by category"));
    }

    @Test
    void endToEndFromTheBundledCheckpoint(@TempDir Path dir) throws Exception {
        writeAndCheck(Golden.notebook34(), Fixtures.endToEnd("java"), Fixtures.extracted(), dir);
    }

    @Test
    void interleavedCategoriesOnAnotherModel(@TempDir Path tmp) throws Exception {
        Path dir = output(tmp, "other-4cat");
        Golden g = Golden.set("other-4cat");
        int layer = g.json("part2").get("layer").getAsInt();
        int position = g.json("part2").get("position").getAsInt();
        long seed = g.json("part7").get("seed").getAsLong();
        LaminarResults results = LaminarAnalysis.run(g.activations(), g.words(), layer,
                new TokenPosition.FromStart(position), seed, Backends.get("java"));
        writeAndCheck(g, results, g.activations(), dir);
        assertThat(FigureFiles.texts(dir.resolve("part3a.svg")))
                .anyMatch(t -> t.startsWith("Rows and columns sorted by category"));
    }

    private static void writeAndCheck(Golden g, LaminarResults results, Activations acts, Path dir) throws Exception {
        Figures.Report report = Figures.writeAll(results, acts, dir);
        assertThat(report.failures()).isEmpty();
        checkFiles(g, dir);
        checkTitles(g, dir);
    }

    /** {@code tmp}, or {@code <laminar.figures.out>/<set>} to keep the figures for looking at them. */
    private static Path output(Path tmp, String set) {
        String keep = System.getProperty("laminar.figures.out");
        return keep != null ? Path.of(keep, set) : tmp;
    }

    /** Both formats of every figure; PNGs as large as the notebook's own and marked 300 dpi; SVGs parse. */
    private static void checkFiles(Golden g, Path dir) throws Exception {
        assertThat(Figures.NAMES).containsAll(NOTEBOOK_FIGURES).contains("laminar3d");
        for (String name : Figures.NAMES) {
            Path png = dir.resolve(name + ".png");
            Path svg = dir.resolve(name + ".svg");
            assertThat(png).as(name).exists();
            assertThat(svg).as(name).exists();
            int[] ours = FigureFiles.png(png);
            assertThat(ours[2]).as(name + " pixels per metre").isEqualTo(11811);
            assertThat(ours[3]).as(name + " pixels per metre").isEqualTo(11811);
            if (NOTEBOOK_FIGURES.contains(name)) {
                int[] notebook = FigureFiles.png(g.dir().resolve("figures").resolve("ch6_proj38_" + name + ".png"));
                assertThat(new int[]{ours[0], ours[1]}).as(name + " pixel size")
                        .containsExactly(notebook[0], notebook[1]);
            }
            var root = FigureFiles.svg(Files.readAllBytes(svg)).getDocumentElement();
            assertThat(root.getLocalName()).isEqualTo("svg");
            assertThat(root.getAttribute("width")).as(name).isEqualTo((ours[0] * 72 / 300) + "pt");
        }
    }

    /** The notebook's titles with the golden values: Part 2a's and 3b's r (3 decimals), Part 5's t (2) and layer. */
    private static void checkTitles(Golden g, Path dir) throws Exception {
        JsonObject p2 = g.json("part2");
        double[] r2 = Golden.doubles(p2.getAsJsonArray("r"));
        assertThat(FigureFiles.texts(dir.resolve("part2a.svg"))).contains(
                "Q by K (r = " + PyFormat.fixed(r2[0], 3) + ")",
                "Q by V (r = " + PyFormat.fixed(r2[1], 3) + ")",
                "K by V (r = " + PyFormat.fixed(r2[2], 3) + ")");
        double[] r3 = Golden.doubles(g.json("part3").getAsJsonArray("rsa_r"));
        assertThat(FigureFiles.texts(dir.resolve("part3b.svg"))).contains(
                "Q and K (r = " + PyFormat.fixed(r3[0], 3) + ")",
                "Q and V (r = " + PyFormat.fixed(r3[1], 3) + ")",
                "K and V (r = " + PyFormat.fixed(r3[2], 3) + ")");
        JsonObject p5 = g.json("part5");
        double[] t = Golden.doubles(p5.getAsJsonArray("t"));
        Set<String> part5 = FigureFiles.texts(dir.resolve("part5.svg"));
        assertThat(part5).contains(
                "A) Q (t = " + PyFormat.fixed(t[0], 2) + ")",
                "B) K (t = " + PyFormat.fixed(t[1], 2) + ")",
                "C) V (t = " + PyFormat.fixed(t[2], 2) + ")",
                "Category-specific similarity distributions, layer " + p5.get("layer").getAsInt());
        assertThat(FigureFiles.texts(dir.resolve("part7b.svg"))).contains("Fisher-z(cos.sim) diffs",
                "Fisher-z(cos.sim) ave.", "T-values", "Transformer layer");
        assertThat(FigureFiles.texts(dir.resolve("part6b.svg"))).contains("Cosine similarity differences",
                "Average cosine similarity", "T-values", "Transformer layer");
    }
}

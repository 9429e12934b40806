package laminar.figures;

import laminar.analysis.LaminarResults;
import laminar.figures.parts.Part3aFigure;
import laminar.figures.plot.Drawing;
import laminar.figures.plot.Export;
import laminar.figures.plot.PyFormat;
import laminar.model.Activations;
import laminar.stimuli.WordList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class FiguresTest {

    /** The notebook's figsize of every figure (inches), and the 3D view's. */
    static final Map<String, double[]> INCHES = Map.ofEntries(
            Map.entry("part1", new double[]{10, 6}),
            Map.entry("part2a", new double[]{12, 3.5}),
            Map.entry("part2b", new double[]{10, 3}),
            Map.entry("part3a", new double[]{10, 3}),
            Map.entry("part3b", new double[]{10, 3}),
            Map.entry("part4", new double[]{10, 3}),
            Map.entry("part5", new double[]{12, 3}),
            Map.entry("part6a", new double[]{12, 3}),
            Map.entry("part6b", new double[]{8, 3}),
            Map.entry("part7a", new double[]{10, 4}),
            Map.entry("part7b", new double[]{8, 3}),
            Map.entry("laminar3d", new double[]{8, 4.5}));

    static WordList words;
    static LaminarResults results;
    static Activations acts;

    @BeforeAll
    static void notebookSized() {
        words = Synthetic.words(34, 3, true);
        results = Synthetic.results(words, 48, 6, 42);
        acts = Synthetic.activations(words, 48, 6, 1600, 7);
    }

    @Test
    void writesEveryFigureAsPngAt300DpiAndSvg(@TempDir Path dir) throws Exception {
        Figures.Report report = Figures.writeAll(results, acts, dir);

        assertThat(report.failures()).isEmpty();
        assertThat(report.written()).hasSize(2 * Figures.NAMES.size());
        assertThat(INCHES.keySet()).containsExactlyInAnyOrderElementsOf(Figures.NAMES);
        for (String name : Figures.NAMES) {
            double[] in = INCHES.get(name);
            int[] png = FigureFiles.png(dir.resolve(name + ".png"));
            assertThat(png[0]).as(name + " width").isEqualTo((int) Math.round(in[0] * 300));
            assertThat(png[1]).as(name + " height").isEqualTo((int) Math.round(in[1] * 300));
            assertThat(png[2]).as(name + " dpi").isEqualTo(11811);
            assertThat(png[3]).as(name + " dpi").isEqualTo(11811);

            var svg = FigureFiles.svg(Files.readAllBytes(dir.resolve(name + ".svg")));
            var root = svg.getDocumentElement();
            assertThat(root.getLocalName()).isEqualTo("svg");
            assertThat(root.getAttribute("width")).isEqualTo(points(in[0]) + "pt");
            assertThat(root.getAttribute("height")).isEqualTo(points(in[1]) + "pt");
        }
    }

    private static String points(double inches) {
        double p = inches * 72;
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    @Test
    void svgTitlesCarryTheNumbersOfTheResults(@TempDir Path dir) throws Exception {
        Figures.writeAll(results, acts, dir);
        double[] r2 = results.part2().chosen();
        assertThat(FigureFiles.texts(dir.resolve("part2a.svg"))).contains(
                "Q by K (r = " + PyFormat.fixed(r2[0], 3) + ")",
                "Q by V (r = " + PyFormat.fixed(r2[1], 3) + ")",
                "K by V (r = " + PyFormat.fixed(r2[2], 3) + ")",
                "Q activations", "K activations", "V activations");
        // the synthetic RSA values include 0.1235, which Python prints as 0.123 (binary value below the tie)
        assertThat(FigureFiles.texts(dir.resolve("part3b.svg"))).contains(
                "Q and K (r = 0.812)", "Q and V (r = 0.457)", "K and V (r = 0.123)", "Q cossim", "V cossim");
        assertThat(FigureFiles.texts(dir.resolve("part5.svg"))).contains(
                "A) Q (t = 4.56)", "B) K (t = -2.35)", "C) V (t = 17.89)",
                "Category-specific similarity distributions, layer 6", "Within", "Across", "Cosine similarity",
                "Density");
        assertThat(FigureFiles.texts(dir.resolve("part1.svg"))).contains("A) Same-category mask",
                "B) Upper-triangular mask", "C) Within-category mask", "D) Across-category mask", "Words");
        assertThat(FigureFiles.texts(dir.resolve("part2b.svg"))).contains("Transformer layer",
                "Correlation coefficient", "Q-K", "Q-V", "K-V");
        assertThat(FigureFiles.texts(dir.resolve("part3a.svg"))).contains("A) Q cosine similarities",
                "B) K cosine similarities", "C) V cosine similarities", "Words", "0.4", "1.0")
                .doesNotContain(Part3aFigure.SORTED_CAPTION);
        assertThat(FigureFiles.texts(dir.resolve("part4.svg"))).contains("RSA scores", "Q-K");
        assertThat(FigureFiles.texts(dir.resolve("part6a.svg"))).contains("A) Within - Across", "B) T values",
                "Differences", "Selectivity (t-stat)", "Q", "K", "V");
        assertThat(FigureFiles.texts(dir.resolve("part6b.svg"))).contains("A) Differences vs. averages",
                "B) T-values vs. averages", "Cosine similarity differences", "Average cosine similarity",
                "T-values", "Transformer layer");
        assertThat(FigureFiles.texts(dir.resolve("part7a.svg"))).contains("A) Impact of transformation",
                "B) Distributions", "Cosine similarity", "Fisher-z transform", "Similarity or Fisher-z value",
                "Count", "Cos. similarities", "Fisher-z");
        assertThat(FigureFiles.texts(dir.resolve("part7b.svg"))).contains("Fisher-z(cos.sim) diffs",
                "Fisher-z(cos.sim) ave.", "T-values", "A) Differences vs. averages", "Transformer layer")
                .doesNotContain("Average cosine similarity");
        assertThat(FigureFiles.texts(dir.resolve("laminar3d.svg"))).contains(
                "Laminar profile of category selectivity", "Transformer layer", "Selectivity (t-stat)", "Q", "K", "V");
    }

    @Test
    void denseLayersAreEmbeddedImagesAndSparseOnesVectors(@TempDir Path dir) throws Exception {
        Figures.writeAll(results, acts, dir);
        // 34 × 1600 points per panel: raster; 561 pairs per panel: vector
        assertThat(count(dir.resolve("part2a.svg"), "<image")).isEqualTo(3);
        assertThat(count(dir.resolve("part3b.svg"), "<image")).isZero();
        assertThat(count(dir.resolve("part3b.svg"), "<ellipse")).isGreaterThanOrEqualTo(3 * 561);
        // heatmaps and colour bars are images
        assertThat(count(dir.resolve("part3a.svg"), "<image")).isEqualTo(6);
        assertThat(count(dir.resolve("part1.svg"), "<image")).isEqualTo(4);
    }

    private static int count(Path file, String what) throws Exception {
        String s = Files.readString(file);
        int c = 0;
        for (int at = s.indexOf(what); at >= 0; at = s.indexOf(what, at + 1)) {
            c++;
        }
        return c;
    }

    @Test
    void sameInputGivesIdenticalBytes() {
        for (String name : Figures.NAMES) {
            byte[] png1 = Export.png(Figures.build(name, results, acts));
            byte[] png2 = Export.png(Figures.build(name, results, acts));
            assertThat(png1).as(name + ".png").isEqualTo(png2);
            byte[] svg1 = Export.svg(Figures.build(name, results, acts), name);
            byte[] svg2 = Export.svg(Figures.build(name, results, acts), name);
            assertThat(svg1).as(name + ".svg").isEqualTo(svg2);
        }
    }

    @Test
    void unsortedWordsAreShownSortedByCategoryAndSaySo(@TempDir Path dir) throws Exception {
        WordList mixed = Synthetic.words(30, 3, false);
        LaminarResults r = Synthetic.results(mixed, 12, 3, 5);
        Figures.Report report = Figures.writeAll(r, Synthetic.activations(mixed, 12, 3, 32, 1), dir);
        assertThat(report.failures()).isEmpty();
        assertThat(FigureFiles.texts(dir.resolve("part3a.svg"))).contains(Part3aFigure.SORTED_CAPTION);
    }

    @Test
    void aFailingFigureIsReportedAndTheOthersAreWritten(@TempDir Path dir) throws Exception {
        LaminarResults broken = new LaminarResults(results.words(), results.nLayers(), results.layer(),
                results.part1(), results.part2(), results.part3(), results.part4(), null, results.part6(),
                results.part7());
        Figures.Report report = Figures.writeAll(broken, null, dir);

        assertThat(report.failed().keySet()).containsExactly("part2a", "part5");
        assertThat(report.failed().get("part2a")).contains("activations");
        for (String name : Figures.NAMES) {
            boolean ok = !name.equals("part2a") && !name.equals("part5");
            assertThat(Files.exists(dir.resolve(name + ".png"))).as(name).isEqualTo(ok);
            assertThat(Files.exists(dir.resolve(name + ".svg"))).as(name).isEqualTo(ok);
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void aThrowingFigureDoesNotStopTheNext(@TempDir Path dir) {
        Map<String, Supplier<Drawing>> figures = new LinkedHashMap<>();
        figures.put("boom", () -> {
            throw new IllegalStateException("no data");
        });
        figures.put("part4", () -> Figures.build("part4", results, acts));
        Figures.Report report = Figures.write(figures, dir);
        assertThat(report.failures()).containsExactly("boom: IllegalStateException: no data");
        assertThat(report.written()).containsExactly(dir.resolve("part4.png"), dir.resolve("part4.svg"));
    }

    @Test
    void largeInputsStayPractical(@TempDir Path dir) throws Exception {
        WordList big = Synthetic.words(2000, 8, false);
        LaminarResults r = Synthetic.results(big, 48, 6, 3);
        Activations a = Synthetic.activations(big, 48, 6, 1600, 4);
        long t0 = System.nanoTime();
        Figures.Report report = Figures.writeAll(r, a, dir);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(report.failures()).isEmpty();
        List<String> sizes = new ArrayList<>();
        for (String name : Figures.NAMES) {
            long svg = Files.size(dir.resolve(name + ".svg"));
            sizes.add(name + "=" + svg / 1024 + "K");
            assertThat(svg).as(name + ".svg bytes").isLessThan(4L << 20);
        }
        System.out.println("2000 words, 48 layers: all figures in " + ms + " ms; SVG sizes " + sizes);
        Set<String> texts = FigureFiles.texts(dir.resolve("part3a.svg"));
        assertThat(texts).contains(Part3aFigure.SORTED_CAPTION);
    }
}

package laminar.figures.parts;

import laminar.figures.FigureFiles;

import laminar.analysis.inference.Alternative;
import laminar.analysis.inference.Inference;
import laminar.analysis.inference.InferenceOptions;
import laminar.analysis.inference.InferencePass;
import laminar.kernels.JavaKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The two inference figures: written as PNG (figsize × 300 dpi) and SVG, the same bytes for the same input. */
class InferenceFiguresTest {

    private static Inference inference() {
        int n = 15;
        int layers = 5;
        int d = 6;
        Random r = new Random(4);
        int[] categories = new int[n];
        float[] rows = new float[3 * layers * n * d];
        for (int i = 0; i < n; i++) {
            categories[i] = i % 3;
        }
        for (int i = 0; i < rows.length; i++) {
            int word = (i / d) % n;
            int layer = i / (3 * n * d);
            rows[i] = (float) (r.nextGaussian() + (layer % 2) * (categories[word] == i % d % 3 ? 2 : 0));
        }
        JavaKernels k = new JavaKernels();
        InferencePass pass = InferencePass.seeded(k, categories, layers,
                new InferenceOptions(99, 50, 1, Alternative.GREATER), m -> { });
        pass.accept(0, layers, k.cosineMatrices(rows, 3 * layers, n, d));
        return pass.finish();
    }

    @Test
    void bothFiguresAreWrittenAtTheirSizeAndReproducibly(@TempDir Path tmp) throws Exception {
        Inference inf = inference();
        assertThat(InferenceFigures.writeAll(inf, tmp.resolve("a")).complete()).isTrue();
        assertThat(InferenceFigures.writeAll(inf, tmp.resolve("b")).complete()).isTrue();
        int[][] sizes = {{3600, 1800}, {3600, 900}};
        for (int i = 0; i < InferenceFigures.NAMES.size(); i++) {
            String name = InferenceFigures.NAMES.get(i);
            int[] png = FigureFiles.png(tmp.resolve("a").resolve(name + ".png"));
            assertThat(png[0]).as(name + " width").isEqualTo(sizes[i][0]);
            assertThat(png[1]).as(name + " height").isEqualTo(sizes[i][1]);
            assertThat(tmp.resolve("a").resolve(name + ".svg")).exists();
            assertThat(java.nio.file.Files.readAllBytes(tmp.resolve("a").resolve(name + ".png")))
                    .isEqualTo(java.nio.file.Files.readAllBytes(tmp.resolve("b").resolve(name + ".png")));
        }
    }
}

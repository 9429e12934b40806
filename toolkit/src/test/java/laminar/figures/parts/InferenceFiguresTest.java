package laminar.figures.parts;

import laminar.figures.FigureFiles;

import laminar.analysis.inference.Alternative;
import laminar.analysis.inference.Inference;
import laminar.analysis.inference.InferenceOptions;
import laminar.analysis.inference.InferencePass;
import laminar.kernels.JavaKernels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import laminar.figures.plot.Figure;
import laminar.figures.plot.Panel;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The two inference figures: written as PNG (figsize × 300 dpi) and SVG, the same bytes for the same input; the
 * p-value axis from 0 past the 0.05 level and the resolution floor 1/(P+1).
 */
class InferenceFiguresTest {

    private static Inference inference() {
        return inference(99);
    }

    private static Inference inference(int permutations) {
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
                new InferenceOptions(permutations, 50, 1, Alternative.GREATER), m -> { });
        pass.accept(0, layers, k.cosineMatrices(rows, 3 * layers, n, d));
        return pass.finish();
    }

    @Test
    void bothFiguresAreWrittenAtTheirSizeAndReproducibly(@TempDir Path tmp) throws Exception {
        Inference inf = inference();
        assertThat(InferenceFigures.writeAll(inf, tmp.resolve("a")).complete()).isTrue();
        assertThat(InferenceFigures.writeAll(inf, tmp.resolve("b")).complete()).isTrue();
        int[][] sizes = {{3600, 1800}, {3600, 1200}};
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

    @Test
    void thePValueAxisRunsFromZeroPastTheResolutionFloorAndTheLevel() {
        Inference inf = inference();
        Figure f = InferenceFigures.pValues(inf);
        assertThat(f.panels()).hasSize(2);
        double floor = Math.log10(99 + 1); // p >= 1/(P+1)
        for (Panel panel : f.panels()) {
            XYPlot plot = panel.plot();
            assertThat(plot.getRangeAxis().getLowerBound()).isZero();
            assertThat(plot.getRangeAxis().getUpperBound()).isGreaterThan(floor).isGreaterThan(-Math.log10(0.05));
            XYDataset data = plot.getDataset();
            assertThat(data.getSeriesCount()).isEqualTo(5); // Q, K, V (or the pairs), the 0.05 level, the floor
            for (int item = 0; item < data.getItemCount(3); item++) {
                assertThat(data.getYValue(3, item)).isCloseTo(-Math.log10(0.05), within(1e-12));
                assertThat(data.getYValue(4, item)).isCloseTo(floor, within(1e-12));
            }
            for (int k = 0; k < 3; k++) { // every plotted value is -log10 of a p >= 1/(P+1): within the axis
                for (int item = 0; item < data.getItemCount(k); item++) {
                    double y = data.getYValue(k, item);
                    assertThat(Double.isNaN(y) || (y >= 0 && y <= floor + 1e-12)).as("y = " + y).isTrue();
                }
            }
        }
        assertThat(f.caption()).contains("1/(P+1)").contains("99 permutations").contains("one-sided");
        assertThat(InferenceFigures.profiles(inf).caption()).contains("50 resamples").contains("99 permutations")
                .contains("p_FWER <= 0.05").contains("one-sided");
    }

    @Test
    void withoutPermutationsTheFigureSaysSoAndDrawsNoFloor() {
        Figure f = InferenceFigures.pValues(inference(0));
        assertThat(f.caption()).contains("--permutations 0");
        for (Panel panel : f.panels()) {
            assertThat(panel.plot().getDataset().getSeriesCount()).isEqualTo(4);
            assertThat(panel.plot().getRangeAxis().getLowerBound()).isZero();
        }
    }
}

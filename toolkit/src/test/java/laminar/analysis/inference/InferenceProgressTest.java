package laminar.analysis.inference;

import laminar.kernels.JavaKernels;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long inference says how long it will take, then after each batch but the last how far it is; a short one is
 * quiet.
 */
class InferenceProgressTest {

    private static final InferenceOptions OPTIONS = new InferenceOptions(128, 64, 1, Alternative.GREATER);

    @Test
    void theEstimateCountsBlocksAndBatchesThenTheProgressFollowsThePace() {
        List<String> said = new ArrayList<>();
        InferenceProgress p = new InferenceProgress(6, OPTIONS, said::add);
        p.threshold(0);
        // 3 batches of 2 layers; 128 permutations = 2 blocks of 64, 64 resamples = 1 block
        p.estimate(2, 0.5, 0.25);
        p.estimate(2, 50, 50); // once only
        p.batchDone(2, 1.0);
        p.batchDone(4, 3.0);
        p.batchDone(6, 4.0); // the last: nothing left to say
        assertThat(said).containsExactly(
                "laminar: inference (128 permutations, 64 bootstrap resamples, 6 layers) will take about 4 s"
                        + " (estimated from the first blocks)", // 3 × (2 × 0.5 + 1 × 0.25) = 3.75
                "laminar: inference: 2 of 6 layers done in 1 s, about 3 s left", // the estimate less 1 s: 2.75
                "laminar: inference: 4 of 6 layers done in 3 s, about 2 s left"); // then the pace: 3 / 4 × 2 = 1.5
        assertThat(p.estimated()).isTrue();
    }

    @Test
    void aRunEstimatedBelowTheThresholdSaysNothing() {
        List<String> said = new ArrayList<>();
        InferenceProgress p = new InferenceProgress(6, OPTIONS, said::add); // the default threshold, 10 s
        p.estimate(2, 0.5, 0.25);
        p.batchDone(2, 1.0);
        assertThat(said).isEmpty();
    }

    @Test
    void headRowsAreNamed() {
        List<String> said = new ArrayList<>();
        InferenceProgress p = new InferenceProgress(8, OPTIONS, said::add);
        p.threshold(0);
        p.describing("2 layers x 4 heads");
        p.estimate(4, 1, 1);
        p.batchDone(4, 2);
        assertThat(said).hasSize(2);
        assertThat(said.get(0)).contains("(128 permutations, 64 bootstrap resamples, 2 layers x 4 heads)");
        assertThat(said.get(1)).isEqualTo("laminar: inference: 4 of 8 rows (2 layers x 4 heads) done in 2 s,"
                + " about 4 s left"); // 2 batches × (2 + 1) blocks × 1 s, less 2 s
    }

    @Test
    void aPassFedInBatchesReportsEachButTheLast() {
        int n = 12;
        int layers = 6;
        int d = 5;
        int[] categories = new int[n];
        for (int i = 0; i < n; i++) {
            categories[i] = i % 3;
        }
        Random r = new Random(2);
        float[] rows = new float[3 * 2 * n * d];
        JavaKernels k = new JavaKernels();
        List<String> said = new ArrayList<>();
        InferencePass pass = InferencePass.seeded(k, categories, layers, OPTIONS, said::add).announcingAbove(0);
        for (int first = 0; first < layers; first += 2) {
            for (int i = 0; i < rows.length; i++) {
                rows[i] = (float) r.nextGaussian();
            }
            pass.accept(first, 2, k.cosineMatrices(rows, 3 * 2, n, d));
        }
        pass.finish();
        assertThat(said).hasSize(3);
        assertThat(said.get(0)).startsWith("laminar: inference (128 permutations, 64 bootstrap resamples, 6 layers)"
                + " will take about ");
        assertThat(said.get(1)).startsWith("laminar: inference: 2 of 6 layers done in ");
        assertThat(said.get(2)).startsWith("laminar: inference: 4 of 6 layers done in ");
    }
}

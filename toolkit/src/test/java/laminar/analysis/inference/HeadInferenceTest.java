package laminar.analysis.inference;

import laminar.analysis.LaminarAnalysis;
import laminar.analysis.MeasureOptions;
import laminar.kernels.Compare;
import laminar.kernels.JavaKernels;
import laminar.kernels.KernelBackend;
import laminar.model.Activations;
import laminar.model.TokenPosition;
import laminar.stimuli.WordList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-head inference is the layer inference on smaller rows: with one head per layer the head is the whole
 * layer, and its family (layers × 1 × 3) must give exactly the layer inference's counts, p, p_FWER, q, intervals
 * and standard errors. With two heads the family doubles and each head's cell is read back at its own place.
 */
class HeadInferenceTest {

    private static final int LAYERS = 3;
    private static final int D = 8;
    private static final KernelBackend KERNELS = new JavaKernels();

    /** 12 words in 3 categories, one token each, with category structure of varying strength per layer. */
    private static WordList words() {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 12; w++) {
            text.append("c").append(w % 3).append('\t').append("w").append(w).append('\n');
        }
        return WordList.parse(text.toString(), "synthetic");
    }

    private static Activations activations(WordList words) {
        Random r = new Random(7);
        int n = words.size();
        int[] cats = words.categoryCodes();
        double[][] centre = new double[3][D];
        for (double[] c : centre) {
            for (int e = 0; e < D; e++) {
                c[e] = r.nextGaussian();
            }
        }
        float[][][] data = new float[LAYERS][3][n * D];
        for (int l = 0; l < LAYERS; l++) {
            for (int k = 0; k < 3; k++) {
                for (int w = 0; w < n; w++) {
                    for (int e = 0; e < D; e++) {
                        data[l][k][w * D + e] = (float) (1.0 + 0.6 * l * centre[cats[w]][e] + r.nextGaussian());
                    }
                }
            }
        }
        int[][] ids = new int[n][];
        for (int w = 0; w < n; w++) {
            ids[w] = new int[] {w};
        }
        return new Activations(words.texts(), ids, D, data);
    }

    @ParameterizedTest
    @EnumSource(Alternative.class)
    void oneHeadThatIsTheWholeLayerGivesTheLayerInference(Alternative alternative) {
        WordList words = words();
        Activations acts = activations(words);
        InferenceOptions options = new InferenceOptions(199, 150, 5, alternative);
        for (MeasureOptions measures : List.of(MeasureOptions.NOTEBOOK, new MeasureOptions(
                MeasureOptions.NOTEBOOK.measure(), MeasureOptions.NOTEBOOK.standardize(), Compare.SPEARMAN))) {
            InferencePass layers = InferencePass.seeded(KERNELS, words.categoryCodes(), LAYERS, options, m -> { })
                    .comparing(measures.compare()).fisherZ(measures.fisherZApplies());
            LaminarAnalysis.run(acts, words, 0, TokenPosition.LAST, 0, KERNELS, layers, measures);
            Inference expected = layers.finish();
            HeadInference.Run run = HeadInference.run(acts, words, 1, 1, KERNELS, measures, options, m -> { });
            HeadInference heads = run.inference();
            assertThat(heads.layers()).isEqualTo(LAYERS);
            assertThat(heads.heads()).isEqualTo(1);
            for (Statistic s : Statistic.values()) {
                StatisticInference want = expected.of(s);
                StatisticInference got = heads.of(s);
                String what = s + " under " + measures.compare();
                assertThat(text(got.observed())).as(what + " observed").isEqualTo(text(want.observed()));
                assertThat(text(got.count())).as(what + " counts").isEqualTo(text(want.count()));
                assertThat(text(got.p())).as(what + " p").isEqualTo(text(want.p()));
                assertThat(text(got.pFwer())).as(what + " p_fwer").isEqualTo(text(want.pFwer()));
                assertThat(text(got.qFdr())).as(what + " q_fdr").isEqualTo(text(want.qFdr()));
                assertThat(text(got.ci95())).as(what + " ci95").isEqualTo(text(want.ci95()));
                assertThat(text(got.se())).as(what + " se").isEqualTo(text(want.se()));
            }
            // the planted structure is found: the strongest layer's selectivity beats every permutation
            assertThat(heads.byHead(heads.of(Statistic.SELECTIVITY_DIFF).p())[LAYERS - 1][0][0])
                    .isEqualTo(1.0 / 200);
        }
    }

    @ParameterizedTest
    @EnumSource(Alternative.class)
    void twoHeadsAreTheirOwnCellsOfOneFamily(Alternative alternative) {
        WordList words = words();
        Activations acts = activations(words);
        InferenceOptions options = new InferenceOptions(99, 0, 3, alternative);
        HeadInference two = HeadInference.run(acts, words, 2, 2, KERNELS, MeasureOptions.NOTEBOOK, options,
                m -> { }).inference();
        // head h of layer l alone: its columns as the only "layer", the same draws; its raw counts and p are the
        // family's cell (l, h), its p_FWER cannot be smaller than over the one cell
        for (int l = 0; l < LAYERS; l++) {
            for (int h = 0; h < 2; h++) {
                Activations one = headAsLayer(acts, l, h, 2);
                InferencePass alone = InferencePass.seeded(KERNELS, words.categoryCodes(), 1, options, m -> { });
                LaminarAnalysis.run(one, words, 0, TokenPosition.LAST, 0, KERNELS, alone, MeasureOptions.NOTEBOOK);
                Inference single = alone.finish();
                for (Statistic s : HeadInference.STATISTICS) {
                    String what = s + " layer " + l + " head " + h;
                    assertThat(two.counts(s)[l][h]).as(what + " counts").containsExactly(single.of(s).count()[0]);
                    assertThat(two.byHead(two.of(s).p())[l][h]).as(what + " p").containsExactly(single.of(s).p()[0]);
                    double[] fwer = two.byHead(two.of(s).pFwer())[l][h];
                    for (int k = 0; k < 3; k++) {
                        assertThat(fwer[k]).as(what + " p_fwer").isGreaterThanOrEqualTo(single.of(s).pFwer()[0][k]);
                    }
                }
            }
        }
    }

    /** Exact text of an array (Double.toString round-trips; NaN equals NaN, unlike a deep equality of doubles). */
    private static String text(Object array) {
        return array == null ? "null" : java.util.Arrays.deepToString(new Object[] {array});
    }

    /** Columns {@code h·D/heads …} of layer {@code layer}'s Q, K and V as a one-layer model. */
    private static Activations headAsLayer(Activations acts, int layer, int h, int heads) {
        int hd = D / heads;
        int n = acts.nWords();
        float[][][] data = new float[1][3][n * hd];
        for (int k = 0; k < 3; k++) {
            float[] src = acts.all(layer, laminar.model.Qkv.values()[k]);
            for (int w = 0; w < n; w++) {
                System.arraycopy(src, w * D + h * hd, data[0][k], w * hd, hd);
            }
        }
        int[][] ids = new int[n][];
        for (int w = 0; w < n; w++) {
            ids[w] = new int[] {w};
        }
        return new Activations(acts.words(), ids, hd, data);
    }
}

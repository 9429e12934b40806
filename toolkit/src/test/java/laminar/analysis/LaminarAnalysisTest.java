package laminar.analysis;

import laminar.kernels.Backends;
import laminar.model.Activations;
import laminar.model.TokenPosition;
import laminar.stimuli.Word;
import laminar.stimuli.WordList;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The analyses against an independent naive computation in double, and invariance under reordering the words
 * (categories need not be sorted).
 */
class LaminarAnalysisTest {

    private static final int LAYERS = 3;
    private static final int D = 7;
    private static final int TOKENS = 3;

    @Test
    void rsaAndSelectivityMatchANaiveComputation() {
        WordList words = words(new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2});
        Activations acts = random(words, identity(words.size()), 11);
        LaminarResults r = LaminarAnalysis.run(acts, words, 1, new TokenPosition.FromStart(1), 0, Backends.get("java"));
        int[] cats = words.categoryCodes();
        for (int l = 0; l < LAYERS; l++) {
            double[][] cos = new double[3][];
            for (int k = 0; k < 3; k++) {
                cos[k] = naiveCosine(acts.rows(l, laminar.model.Qkv.values()[k], TokenPosition.LAST), words.size());
            }
            int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
            for (int p = 0; p < 3; p++) {
                double expected = pearson(upper(cos[pairs[p][0]], words.size()), upper(cos[pairs[p][1]], words.size()));
                assertThat(r.part4().rsa()[l][p]).isCloseTo(expected, within(1e-6));
            }
            for (int k = 0; k < 3; k++) {
                double[][] wa = split(cos[k], cats);
                double mw = mean(wa[0]);
                double ma = mean(wa[1]);
                double[] s = r.part6().values()[l][k];
                assertThat(s[0]).isCloseTo(mw - ma, within(1e-6));
                assertThat(s[1]).isCloseTo(pooledT(wa[0], wa[1]), within(1e-5 * Math.abs(s[1]) + 1e-9));
                assertThat(s[2]).isCloseTo((mw + ma) / 2, within(1e-6));
            }
        }
        // Part 2 at position 1: Q-K r of the chosen layer.
        double expected = pearson(toDouble(acts.rows(1, laminar.model.Qkv.Q, new TokenPosition.FromStart(1))),
                toDouble(acts.rows(1, laminar.model.Qkv.K, new TokenPosition.FromStart(1))));
        assertThat(r.part2().chosen()[0]).isCloseTo(expected, within(1e-9));
    }

    @Test
    void reorderingTheWordsChangesNoLaminarNumber() {
        int[] cats = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2};
        WordList sorted = words(cats);
        Activations a = random(sorted, identity(cats.length), 5);
        int[] perm = {7, 3, 0, 9, 4, 1, 8, 5, 2, 6};
        List<Word> shuffled = new ArrayList<>();
        for (int p : perm) {
            shuffled.add(sorted.words().get(p));
        }
        WordList sw = new WordList(shuffled);
        Activations b = random(sorted, perm, 5);
        var java = Backends.get("java");
        LaminarResults ra = LaminarAnalysis.run(a, sorted, 2, new TokenPosition.FromStart(1), 0, java);
        LaminarResults rb = LaminarAnalysis.run(b, sw, 2, new TokenPosition.FromStart(1), 0, java);
        for (int l = 0; l < LAYERS; l++) {
            for (int p = 0; p < 3; p++) {
                assertThat(rb.part4().rsa()[l][p]).isCloseTo(ra.part4().rsa()[l][p], within(1e-9));
                for (int c = 0; c < 3; c++) {
                    assertThat(rb.part6().values()[l][p][c]).isCloseTo(ra.part6().values()[l][p][c], within(1e-9));
                    assertThat(rb.part7().selectivity().values()[l][p][c])
                            .isCloseTo(ra.part7().selectivity().values()[l][p][c], within(1e-9));
                }
            }
        }
        assertThat(rb.part1().withinCount()).isEqualTo(ra.part1().withinCount());
    }

    static WordList words(int[] cats) {
        List<Word> w = new ArrayList<>();
        for (int i = 0; i < cats.length; i++) {
            w.add(new Word("w" + i, "c" + cats[i]));
        }
        return new WordList(w);
    }

    /** Activations whose sentence i holds the random vectors of word {@code order[i]} (seeded per word). */
    static Activations random(WordList words, int[] order, long seed) {
        int n = order.length;
        float[][][] data = new float[LAYERS][3][n * TOKENS * D];
        int[][] ids = new int[n][TOKENS];
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            texts.add(words.texts().get(order[i]));
            SplittableRandom rnd = new SplittableRandom(seed * 1000 + order[i]);
            for (int l = 0; l < LAYERS; l++) {
                for (int k = 0; k < 3; k++) {
                    for (int j = 0; j < TOKENS * D; j++) {
                        data[l][k][i * TOKENS * D + j] = (float) (rnd.nextGaussian() + 0.3 * (k + 1));
                    }
                }
            }
        }
        return new Activations(texts, ids, D, data);
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    private static double[] naiveCosine(float[] rows, int n) {
        double[] c = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0, ni = 0, nj = 0;
                for (int t = 0; t < D; t++) {
                    dot += (double) rows[i * D + t] * rows[j * D + t];
                    ni += (double) rows[i * D + t] * rows[i * D + t];
                    nj += (double) rows[j * D + t] * rows[j * D + t];
                }
                c[i * n + j] = dot / Math.sqrt(ni * nj);
            }
        }
        return c;
    }

    private static double[] upper(double[] m, int n) {
        double[] u = new double[n * (n - 1) / 2];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                u[at++] = m[i * n + j];
            }
        }
        return u;
    }

    private static double[][] split(double[] m, int[] cats) {
        List<Double> w = new ArrayList<>();
        List<Double> a = new ArrayList<>();
        int n = cats.length;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                (cats[i] == cats[j] ? w : a).add(m[i * n + j]);
            }
        }
        return new double[][] {w.stream().mapToDouble(x -> x).toArray(), a.stream().mapToDouble(x -> x).toArray()};
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double pearson(double[] x, double[] y) {
        double mx = mean(x), my = mean(y), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double pooledT(double[] a, double[] b) {
        double ma = mean(a), mb = mean(b), va = 0, vb = 0;
        for (double x : a) {
            va += (x - ma) * (x - ma);
        }
        for (double x : b) {
            vb += (x - mb) * (x - mb);
        }
        int na = a.length, nb = b.length;
        double sp2 = (va + vb) / (na + nb - 2);
        return (ma - mb) / Math.sqrt(sp2 * (1.0 / na + 1.0 / nb));
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}

package laminar.figures;

import laminar.analysis.Distribution;
import laminar.analysis.LaminarResults;
import laminar.analysis.Part1Masks;
import laminar.analysis.Part2Correlations;
import laminar.analysis.Part3Similarity;
import laminar.analysis.Part4LaminarRsa;
import laminar.analysis.Part5LayerSelectivity;
import laminar.analysis.Part6LaminarSelectivity;
import laminar.analysis.Part7FisherZ;
import laminar.analysis.Part7aIllustration;
import laminar.model.Activations;
import laminar.model.TokenPosition;
import laminar.stimuli.Word;
import laminar.stimuli.WordList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, realistic-looking results for figure tests (the analyses are tested elsewhere): cosines in 0.3–1 with
 * higher within-category similarity, t values within ±20, correlations and RSA scores in 0–1, Freedman–Diaconis
 * densities of the synthetic similarities.
 */
final class Synthetic {

    private Synthetic() {
    }

    /** {@code n} words in {@code categories} categories, sorted by category or interleaved. */
    static WordList words(int n, int categories, boolean sorted) {
        List<Word> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int c = sorted ? (int) ((long) i * categories / n) : i % categories;
            list.add(new Word("w" + i, "cat" + c));
        }
        return new WordList(list);
    }

    static LaminarResults results(WordList words, int nLayers, int layer, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = words.size();
        int[] codes = words.categoryCodes();
        Part1Masks masks = Part1Masks.of(codes);

        double[][] corr = new double[nLayers][3];
        double[][] rsa = new double[nLayers][3];
        for (int l = 0; l < nLayers; l++) {
            for (int k = 0; k < 3; k++) {
                corr[l][k] = 0.05 + 0.4 * Math.sin(l / (double) nLayers * Math.PI * (k + 1)) * 0.5 + 0.3
                        + 0.05 * rnd.nextDouble();
                rsa[l][k] = 0.3 + 0.6 * rnd.nextDouble();
            }
        }
        Part2Correlations p2 = new Part2Correlations(new TokenPosition.FromStart(1), layer, corr);

        float[][] cos = new float[3][];
        for (int k = 0; k < 3; k++) {
            cos[k] = cosine(codes, rnd, 0.55 + 0.1 * k, 0.15);
        }
        double[] rsaChosen = {0.812345, 0.456789, 0.1235};
        rsa[layer] = rsaChosen.clone();
        Part3Similarity p3 = new Part3Similarity(layer, n, cos, rsaChosen);
        Part4LaminarRsa p4 = new Part4LaminarRsa(rsa);

        Distribution[] within = new Distribution[3];
        Distribution[] across = new Distribution[3];
        double[] t = {4.56, -2.345, 17.891};
        for (int k = 0; k < 3; k++) {
            within[k] = fdHistogram(pick(cos[k], masks.within()), true);
            across[k] = fdHistogram(pick(cos[k], masks.across()), true);
        }
        Part5LayerSelectivity p5 = new Part5LayerSelectivity(layer, t, within, across);

        Part6LaminarSelectivity p6 = selectivity(nLayers, rnd, false);
        Part6LaminarSelectivity p7b = selectivity(nLayers, rnd, true);
        double[] r = new double[Part7aIllustration.SIZE];
        double[] z = new double[r.length];
        SplittableRandom u = new SplittableRandom(17);
        for (int i = 0; i < r.length; i++) {
            r[i] = -1 + 2 * u.nextDouble();
            z[i] = 0.5 * Math.log((1 + r[i]) / (1 - r[i]));
        }
        Part7aIllustration ill = new Part7aIllustration(17, r, z, fdHistogram(r, false), fdHistogram(z, false));
        return new LaminarResults(words, nLayers, layer, masks, p2, p3, p4, p5, p6, new Part7FisherZ(ill, p7b));
    }

    private static Part6LaminarSelectivity selectivity(int nLayers, SplittableRandom rnd, boolean fisher) {
        double[][][] v = new double[nLayers][3][3];
        for (int l = 0; l < nLayers; l++) {
            for (int k = 0; k < 3; k++) {
                double depth = l / (double) nLayers;
                double t = 20 * Math.sin(Math.PI * depth) * (1 - 0.3 * k) - 2 + rnd.nextDouble() * 2;
                v[l][k][Part6LaminarSelectivity.DIFFERENCE] = t / 200;
                v[l][k][Part6LaminarSelectivity.T] = t;
                v[l][k][Part6LaminarSelectivity.AVERAGE] = (fisher ? 0.9 : 0.6) + 0.3 * depth + 0.02 * k;
            }
        }
        return new Part6LaminarSelectivity(v, fisher);
    }

    /** A symmetric similarity matrix: 1 on the diagonal, {@code base} + 0.15 within a category, noise. */
    static float[] cosine(int[] codes, SplittableRandom rnd, double base, double noise) {
        int n = codes.length;
        float[] m = new float[n * n];
        for (int i = 0; i < n; i++) {
            m[i * n + i] = 1f;
            for (int j = i + 1; j < n; j++) {
                double v = base + (codes[i] == codes[j] ? 0.15 : 0) + noise * (rnd.nextDouble() - 0.5);
                float f = (float) Math.max(0.3, Math.min(0.99, v));
                m[i * n + j] = f;
                m[j * n + i] = f;
            }
        }
        return m;
    }

    private static double[] pick(float[] values, boolean[] mask) {
        int c = 0;
        for (boolean b : mask) {
            c += b ? 1 : 0;
        }
        double[] out = new double[c];
        int at = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                out[at++] = values[i];
            }
        }
        return out;
    }

    /** numpy's {@code histogram(x, bins='fd', density=...)}, near enough for plotting. */
    static Distribution fdHistogram(double[] x, boolean density) {
        double[] s = x.clone();
        Arrays.sort(s);
        double iqr = s[(int) (0.75 * (s.length - 1))] - s[(int) (0.25 * (s.length - 1))];
        double lo = s[0];
        double hi = s[s.length - 1];
        double width = 2 * iqr / Math.cbrt(s.length);
        int bins = width > 0 ? Math.max(1, Math.min(1000, (int) Math.ceil((hi - lo) / width))) : 1;
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = lo + (hi - lo) * b / bins;
        }
        double[] counts = new double[bins];
        for (double v : s) {
            int b = hi > lo ? (int) Math.min(bins - 1, Math.floor((v - lo) / (hi - lo) * bins)) : 0;
            counts[b]++;
        }
        if (density) {
            double bw = (hi - lo) / bins;
            for (int b = 0; b < bins; b++) {
                counts[b] /= s.length * (bw > 0 ? bw : 1);
            }
        }
        return new Distribution(edges, counts);
    }

    /**
     * Activations with sentences of 2 tokens (position 1 exists), {@code nEmbd} wide; only {@code layer} has its
     * own arrays, the other layers share one set (figures read only the chosen layer), to keep 2,000 × 1,600 cheap.
     */
    static Activations activations(WordList words, int nLayers, int layer, int nEmbd, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = words.size();
        int len = n * 2 * nEmbd;
        float[] q = new float[len];
        float[] k = new float[len];
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            double a = gauss(rnd);
            double b = gauss(rnd);
            double c = gauss(rnd);
            q[i] = (float) (a * 1.5);
            k[i] = (float) (0.6 * a + 0.8 * b);
            v[i] = (float) (0.2 * b + c * 0.5);
        }
        float[][][] data = new float[nLayers][][];
        float[][] shared = {new float[len], new float[len], new float[len]};
        for (int l = 0; l < nLayers; l++) {
            data[l] = l == layer ? new float[][]{q, k, v} : shared;
        }
        int[][] ids = new int[n][];
        for (int w = 0; w < n; w++) {
            ids[w] = new int[]{464, 1000 + w};
        }
        return new Activations(words.texts(), ids, nEmbd, data);
    }

    private static double gauss(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double w = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }
}

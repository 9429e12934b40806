package laminar.analysis;

import laminar.kernels.KernelBackend;
import laminar.model.Activations;
import laminar.model.Qkv;
import laminar.stimuli.WordList;

/**
 * Parts 4, 6 and 7b per attention head: for every layer and head, the head's {@code head_dim} columns of Q, K and
 * V at the last token are analysed as a layer of their own (cosine matrices, RSA Q–K, Q–V, K–V, within/across
 * selectivity, its Fisher-z form). Under grouped-query attention the K and V columns of query head h are those of
 * its K/V head {@code h / groupSize} (the extractor repeats K/V per query head), so each query head is compared
 * with its own K/V group.
 *
 * @param selectivity {@code [layer][head][Q,K,V][difference, t, average]}
 * @param selectivityFisherZ the same with Fisher-z cosines
 * @param rsa {@code [layer][head][QK, QV, KV]}
 * @param kvGroup the K/V head of each query head
 */
public record PerHead(double[][][][] selectivity, double[][][][] selectivityFisherZ, double[][][] rsa,
                      int[] kvGroup) {

    /** Every layer's heads of {@code acts} ({@code heads} query heads, {@code kvHeads} K/V heads). */
    public static PerHead compute(Activations acts, WordList words, int heads, int kvHeads, KernelBackend kernels) {
        return compute(acts, words, heads, kvHeads, kernels, MeasureOptions.NOTEBOOK);
    }

    /** {@link #compute} under the run's measure, standardization and comparison. */
    public static PerHead compute(Activations acts, WordList words, int heads, int kvHeads, KernelBackend kernels,
                                  MeasureOptions options) {
        return compute(acts, words, heads, kvHeads, kernels, options, null);
    }

    /**
     * {@link #compute} handing each batch of head matrices to {@code cells} (e.g. the per-head inference) while
     * they are held: a batch of query heads {@code h0 … h0 + size - 1} of layer {@code l} arrives as rows
     * {@code l * heads + h0 …} (layer-major), {@code [size][Q, K, V][n][n]}, K and V those of each head's K/V
     * group. No matrix outlives its batch.
     *
     * @param cells null for none
     */
    public static PerHead compute(Activations acts, WordList words, int heads, int kvHeads, KernelBackend kernels,
                                  MeasureOptions options, CosineChunkListener cells) {
        if (heads <= 0 || acts.nEmbd() % heads != 0 || kvHeads <= 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException(acts.nEmbd() + " features do not split into " + heads + " heads of "
                    + kvHeads + " K/V groups");
        }
        int hd = acts.nEmbd() / heads;
        int layers = acts.nLayers();
        int[] categories = words.categoryCodes();
        double[][][][] sel = new double[layers][][][];
        double[][][][] fz = new double[layers][][][];
        double[][][] rsa = new double[layers][][];
        for (int l = 0; l < layers; l++) {
            int row0 = l * heads;
            CosineChunkListener rows = cells == null ? null
                    : (first, size, cos) -> cells.accept(row0 + first, size, cos);
            // per head only the selectivity and RSA are kept: no CKA (it would be computed per head and dropped)
            LaminarPass pass = LaminarPass.run(heads(acts, l, heads, hd), categories, kernels, 0, rows,
                    options.withCka(false));
            rsa[l] = pass.rsa();
            sel[l] = Part6LaminarSelectivity.from(pass.moments(), false).values();
            fz[l] = Part6LaminarSelectivity.from(pass.fisherMoments(), true).values();
        }
        int[] group = new int[heads];
        for (int h = 0; h < heads; h++) {
            group[h] = h / (heads / kvHeads);
        }
        return new PerHead(sel, fz, rsa, group);
    }

    /** Layer {@code layer}'s heads as the "layers" of an {@link Activations} of width {@code hd}. */
    private static Activations heads(Activations acts, int layer, int heads, int hd) {
        int d = acts.nEmbd();
        int tokens = acts.nWords() * acts.columns();
        float[][][] data = new float[heads][3][];
        for (Qkv k : Qkv.values()) {
            float[] src = acts.all(layer, k);
            for (int h = 0; h < heads; h++) {
                float[] out = new float[tokens * hd];
                for (int t = 0; t < tokens; t++) {
                    System.arraycopy(src, t * d + h * hd, out, t * hd, hd);
                }
                data[h][k.ordinal()] = out;
            }
        }
        return new Activations(acts.words(), acts.tokenIds(), hd, data);
    }
}

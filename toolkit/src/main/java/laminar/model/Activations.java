package laminar.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Every layer's Q, K and V for a list of sentences: the notebook's {@code activations} dict.
 *
 * <p>Layout per layer and {@link Qkv}: float32 {@code [words][columns][nEmbd]}, the notebook's
 * {@code attn_{L}_{q|k|v}} arrays. Sentences of unequal length are <b>right-aligned</b>: column
 * {@code columns-1} is every sentence's last token (so the notebook's {@code [:, -1, :]} works unchanged) and a
 * shorter sentence is preceded by zero rows. Token {@code p} of sentence {@code w} sits in column
 * {@code columns - length(w) + p}. When all sentences have the same length this is exactly the notebook's array.
 */
public final class Activations {

    private final List<String> words;
    private final int[][] tokenIds;
    private final int nLayers;
    private final int nEmbd;
    private final int columns;
    private final float[][][] data; // [layer][qkv] -> [words][columns][nEmbd]

    /**
     * @param words the word of each sentence
     * @param tokenIds each sentence's token ids (its length is the sentence length)
     * @param data {@code [layer][Q,K,V]} arrays of {@code words.size() * columns * nEmbd} floats
     */
    public Activations(List<String> words, int[][] tokenIds, int nEmbd, float[][][] data) {
        this.words = List.copyOf(words);
        this.tokenIds = Objects.requireNonNull(tokenIds);
        this.nLayers = data.length;
        this.nEmbd = nEmbd;
        this.columns = Arrays.stream(tokenIds).mapToInt(t -> t.length).max().orElse(0);
        if (tokenIds.length != words.size()) {
            throw new IllegalArgumentException(words.size() + " words but " + tokenIds.length + " token lists");
        }
        long expected = (long) words.size() * columns * nEmbd;
        for (int l = 0; l < nLayers; l++) {
            if (data[l].length != 3) {
                throw new IllegalArgumentException("layer " + l + " needs Q, K and V");
            }
            for (float[] a : data[l]) {
                if (a.length != expected) {
                    throw new IllegalArgumentException("layer " + l + ": expected " + expected + " floats, got " + a.length);
                }
            }
        }
        this.data = data;
    }

    public List<String> words() {
        return words;
    }

    public int nWords() {
        return words.size();
    }

    public int nLayers() {
        return nLayers;
    }

    public int nEmbd() {
        return nEmbd;
    }

    /** Number of token columns (the longest sentence's length). */
    public int columns() {
        return columns;
    }

    /** Token ids of sentence {@code w} (a view; do not modify). */
    public int[] tokenIds(int w) {
        return tokenIds[w];
    }

    public int[][] tokenIds() {
        return tokenIds;
    }

    /** The full {@code [words][columns][nEmbd]} array of one layer and Q/K/V (a view; do not modify). */
    public float[] all(int layer, Qkv kind) {
        return data[layer][kind.ordinal()];
    }

    /** The analysed token of every sentence: {@code [words][nEmbd]}, a fresh copy. */
    public float[] rows(int layer, Qkv kind, TokenPosition position) {
        float[] src = all(layer, kind);
        float[] out = new float[words.size() * nEmbd];
        for (int w = 0; w < words.size(); w++) {
            int c = position.column(tokenIds[w].length, columns);
            System.arraycopy(src, (w * columns + c) * nEmbd, out, w * nEmbd, nEmbd);
        }
        return out;
    }
}

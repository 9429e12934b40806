package laminar.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which rows of one forward belong to which sentence and position, for every architecture. All tokens of all
 * sentences are rows of one matrix (row-wise ops need no batching or padding); only attention mixes tokens and
 * runs per {@link Group} of sentences of equal length, so each token sees exactly its own sentence.
 *
 * <p><b>Shared prefix.</b> With {@code sharePrefix} the tokens every sentence starts with ("The next word is",
 * with a BOS token where the tokenizer adds one) are rows {@code [0, prefix)}, computed once: every sentence's
 * own tokens attend to them as well as to themselves ({@link CausalAttention}), and their Q/K/V rows are copied
 * into every sentence ({@link #scatter}). The same arithmetic as the full forward (each softmax runs over the
 * same scores, positions are the same) up to float rounding.
 *
 * @param prefix        shared prefix length (0 when not shared)
 * @param rows          rows of the forward: the prefix once plus each sentence's own tokens
 * @param tokenOfRow    the token id of each row
 * @param positionOfRow the position of each row in its sentence (prefix rows: 0..prefix-1)
 * @param suffixBase    the first row of each sentence's own tokens
 * @param groups        sentences of equal own length, in increasing length
 */
public record ExtractionPlan(int prefix, int rows, int[] tokenOfRow, int[] positionOfRow, int[] suffixBase,
                             List<Group> groups) {

    /** Sentences whose own (post-prefix) token count is {@code length}, in rows {@code [firstRow, firstRow + m*length)}. */
    public record Group(int length, int firstRow, int[] sentences) {
    }

    /** The plan of the sentences {@code ids}; with {@code sharePrefix} their common first tokens are shared. */
    public static ExtractionPlan of(int[][] ids, boolean sharePrefix) {
        int n = ids.length;
        int prefix = 0;
        if (sharePrefix && n > 1) {
            int min = Arrays.stream(ids).mapToInt(t -> t.length).min().orElse(0);
            prefix = min - 1; // every sentence keeps at least one token of its own
            for (int[] t : ids) {
                int i = 0;
                while (i < prefix && t[i] == ids[0][i]) {
                    i++;
                }
                prefix = i;
            }
            prefix = Math.max(prefix, 0);
        }
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int w = 0; w < n; w++) {
            byLength.computeIfAbsent(ids[w].length - prefix, k -> new ArrayList<>()).add(w);
        }
        int rows = prefix;
        for (int[] t : ids) {
            rows += t.length - prefix;
        }
        int[] token = new int[rows];
        int[] position = new int[rows];
        int[] base = new int[n];
        for (int p = 0; p < prefix; p++) {
            token[p] = ids[0][p];
            position[p] = p;
        }
        List<Group> groups = new ArrayList<>();
        int r = prefix;
        for (Map.Entry<Integer, List<Integer>> e : byLength.entrySet()) {
            int len = e.getKey();
            int[] members = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            groups.add(new Group(len, r, members));
            for (int w : members) {
                base[w] = r;
                for (int j = 0; j < len; j++) {
                    token[r] = ids[w][prefix + j];
                    position[r] = prefix + j;
                    r++;
                }
            }
        }
        return new ExtractionPlan(prefix, rows, token, position, base, List.copyOf(groups));
    }

    /** The row holding sentence {@code w}'s token at position {@code p}. */
    public int row(int w, int p) {
        return p < prefix ? p : suffixBase[w] + (p - prefix);
    }

    /**
     * One layer's Q, K or V rows into the right-aligned {@code [words][columns][heads*repeat*headDim]} array of
     * {@link Activations}: row {@code r}'s features are {@code values[r*stride + offset ..]}, {@code heads} heads of
     * {@code headDim}, each written {@code repeat} times (K/V under grouped-query attention: head j serves query
     * heads {@code j*repeat .. j*repeat+repeat-1}, as Hugging Face's {@code repeat_kv}).
     */
    public float[] scatter(float[] values, int stride, int offset, int heads, int headDim, int repeat, int[][] ids,
                           int columns) {
        int width = heads * headDim * repeat;
        float[] out = new float[ids.length * columns * width];
        for (int w = 0; w < ids.length; w++) {
            int len = ids[w].length;
            int shift = columns - len;
            for (int p = 0; p < len; p++) {
                int src = row(w, p) * stride + offset;
                int dst = (w * columns + shift + p) * width;
                if (repeat == 1) {
                    System.arraycopy(values, src, out, dst, width);
                    continue;
                }
                for (int h = 0; h < heads; h++) {
                    for (int r = 0; r < repeat; r++) {
                        System.arraycopy(values, src + h * headDim, out, dst + (h * repeat + r) * headDim, headDim);
                    }
                }
            }
        }
        return out;
    }

    /** A deep copy of the sentences' token ids (the {@link Activations} keep their own). */
    public static int[][] copy(int[][] ids) {
        int[][] out = new int[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i].clone();
        }
        return out;
    }
}

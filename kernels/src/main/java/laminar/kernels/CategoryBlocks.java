package laminar.kernels;

import java.util.Arrays;

/**
 * The words grouped by category, for the bootstrap sums ({@link BootstrapKernels}): a fixed order of the words in
 * which each category is one block of consecutive positions (blocks in the order of each category's first word,
 * words in increasing index inside a block). When the categories already are contiguous, that order is the words'
 * own ({@link #contiguous()}) and the kernels read the matrices' rows as they are; otherwise a row is copied into
 * block order first.
 *
 * <p>Because a block keeps the words' order, the words after u in block j are a suffix of block j: a row's
 * within-category columns are one range of positions and its across-category columns at most C − 1 ranges.
 *
 * @param order the word at each position
 * @param block each word's block
 * @param start each block's first position
 * @param end each block's end (exclusive)
 * @param contiguous whether {@code order} is the identity
 */
record CategoryBlocks(int[] order, int[] block, int[] start, int[] end, boolean contiguous) {

    /** The blocks of category codes 0..C−1 (one per word). */
    static CategoryBlocks of(int[] codes) {
        int n = codes.length;
        int c = Arrays.stream(codes).max().orElse(-1) + 1;
        int[] blockOfCode = new int[c];
        Arrays.fill(blockOfCode, -1);
        int blocks = 0;
        int[] size = new int[c];
        for (int code : codes) {
            if (blockOfCode[code] < 0) {
                blockOfCode[code] = blocks++;
            }
            size[blockOfCode[code]]++;
        }
        int[] start = new int[blocks];
        int[] end = new int[blocks];
        for (int j = 0, at = 0; j < blocks; j++) {
            start[j] = at;
            at += size[j];
            end[j] = at;
        }
        int[] block = new int[n];
        int[] order = new int[n];
        int[] next = start.clone();
        boolean contiguous = true;
        for (int v = 0; v < n; v++) {
            block[v] = blockOfCode[codes[v]];
            int p = next[block[v]]++;
            order[p] = v;
            contiguous &= p == v;
        }
        return new CategoryBlocks(order, block, start, end, contiguous);
    }

    /** Number of blocks (categories). */
    int blocks() {
        return start.length;
    }

    /** Rows of n values (e.g. resamples' word counts) with each row's values in block order. */
    float[] inBlockOrder(float[] rows, int count) {
        if (contiguous) {
            return rows;
        }
        int n = order.length;
        float[] out = new float[rows.length];
        for (int q = 0; q < count; q++) {
            for (int p = 0; p < n; p++) {
                out[q * n + p] = rows[q * n + order[p]];
            }
        }
        return out;
    }

    /**
     * Advances {@code first} (one position per block, from {@link #start} on) to each block's first word after
     * {@code u}: called for u = 0, 1, ... in turn, it moves every position at most once over the whole row loop.
     */
    void after(int u, int[] first) {
        for (int j = 0; j < first.length; j++) {
            int p = first[j];
            while (p < end[j] && order[p] <= u) {
                p++;
            }
            first[j] = p;
        }
    }

    /**
     * Row u's across-category columns as ranges of positions {@code [ranges[2i], ranges[2i+1])}, given each block's
     * first word after u in {@code first}; adjacent ranges are merged (for contiguous categories there is at most one,
     * {@code [end of u's block, n)}). Returns the number of ranges.
     */
    int acrossRanges(int u, int[] first, int[] ranges) {
        int own = block[u];
        int count = 0;
        for (int j = 0; j < first.length; j++) {
            if (j == own || first[j] == end[j]) {
                continue;
            }
            if (count > 0 && ranges[2 * count - 1] == first[j]) {
                ranges[2 * count - 1] = end[j];
            } else {
                ranges[2 * count] = first[j];
                ranges[2 * count + 1] = end[j];
                count++;
            }
        }
        return count;
    }
}

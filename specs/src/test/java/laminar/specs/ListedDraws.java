package laminar.specs;

import laminar.analysis.inference.Draws;

/**
 * The permutations and resamples a reference script drew, handed to laminar by index (so laminar's tests see
 * exactly the reference's draws).
 *
 * @param permutations permutation {@code q}: word {@code i} takes the category of word {@code permutations[q][i]}
 * @param resamples resample {@code q}: the words drawn, one per position
 */
record ListedDraws(int[][] permutations, int[][] resamples) implements Draws {

    @Override
    public int[] permutation(int index) {
        return permutations[index];
    }

    @Override
    public int[] resample(int index) {
        return resamples[index];
    }
}

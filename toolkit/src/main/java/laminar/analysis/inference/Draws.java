package laminar.analysis.inference;

/**
 * The random permutations and bootstrap resamples of an inference run, addressed by index so that any block of
 * them can be made again (the layers are processed in batches, and every batch must see the same draws).
 */
public interface Draws {

    /** Permutation {@code index} of the word indices 0..n−1: word i takes the place of word {@code π[i]}. */
    int[] permutation(int index);

    /**
     * Bootstrap resample {@code index}: n word indices, position i drawn with replacement from the words of
     * position i's category (category sizes kept).
     */
    int[] resample(int index);
}

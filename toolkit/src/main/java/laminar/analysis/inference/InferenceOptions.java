package laminar.analysis.inference;

import laminar.LaminarException;

/**
 * What inference to run.
 *
 * @param permutations permutations per test (0: no tests)
 * @param bootstrap bootstrap resamples (0: no intervals)
 * @param seed seed of the permutations and resamples (each is derived from the seed and its index)
 * @param alternative the alternative hypothesis
 */
public record InferenceOptions(int permutations, int bootstrap, long seed, Alternative alternative) {

    public InferenceOptions {
        if (permutations < 0 || bootstrap < 0) {
            throw new LaminarException("--permutations and --bootstrap must be >= 0 (0 turns them off), got "
                    + permutations + " and " + bootstrap);
        }
        if (alternative == null) {
            throw new LaminarException("an alternative (greater or two-sided) is needed");
        }
    }

    /** Whether there is anything to do. */
    public boolean any() {
        return permutations > 0 || bootstrap > 0;
    }
}

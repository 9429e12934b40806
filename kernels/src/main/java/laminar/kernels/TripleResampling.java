package laminar.kernels;

/**
 * The permutation and bootstrap sums of one batch of Q, K, V triples, prepared once for all the draws the batch
 * gets ({@link KernelBackend#tripleResampling}). Matrix {@code 3c + k} is matrix k (Q, K, V) of triple c, as in the
 * batches of {@link KernelBackend}; the RSA pairs of triple c are QK, QV and KV, pair {@code 3c + k} with first
 * {@code 3c + {0, 0, 1}[k]} and second {@code 3c + {1, 2, 2}[k]}.
 *
 * <p>Each method returns what the {@link KernelBackend} method of the same name returns for those matrices and pairs,
 * within {@link JavaKernels#RESAMPLING_RELATIVE_BOUND} of the exact sums (relative to the sum of the terms' absolute
 * values); within sums of relabellings that induce the same partition of the words are bit-identical, and the
 * identity permutation gives the observed cross sums. The order of the additions may differ from the single calls'.
 *
 * <pre>{@code
 * TripleResampling batch = kernels.tripleResampling(cos, z, layers, n);
 * double[] within = batch.permutedWithinSums(labels, p);   // [3·layers][p][4]
 * double[] mantel = batch.permutedCrossSums(perms, p);     // [3·layers][p]
 * TripleResampling.Bootstrap boot = batch.bootstrap(categories, counts, r);
 * }</pre>
 */
public interface TripleResampling {

    /**
     * Batches of a multiple of this many triples fill the Java backend's SIMD lanes (four triples per 256-bit vector
     * half, {@code LaneTriples}); any other size works too, with lanes left empty in its last group.
     */
    int GROUP = 4;

    /** Triples in the batch. */
    int triples();

    /** Words per matrix. */
    int n();

    /**
     * {@link KernelBackend#permutedWithinSums(float[], float[], int, int, int[], int)} of the batch's cosines and
     * Fisher-z values.
     *
     * @param labels {@code [p][n]} category code of each word under each relabelling
     * @return {@code [3·triples][p][4]}: within sum and sum of squares of cos, then of z
     */
    double[] permutedWithinSums(int[] labels, int p);

    /**
     * {@link KernelBackend#permutedCrossSums} of the cosines for the pairs QK, QV, KV of every triple.
     *
     * @param perms {@code [p][n]} permutations of 0..n−1
     * @return {@code [3·triples][p]}
     */
    double[] permutedCrossSums(int[] perms, int p);

    /**
     * {@link KernelBackend#bootstrapSums} and {@link KernelBackend#bootstrapCrossSums} (pairs QK, QV, KV of every
     * triple) of the same resamples.
     *
     * @param category category code of each word
     * @param weights {@code [r][n]} word counts of each resample
     */
    Bootstrap bootstrap(int[] category, double[] weights, int r);

    /**
     * @param sums  {@code [3·triples][r][8]}: within (cos, cos², z, z²), total (cos, cos², z, z²)
     * @param cross {@code [3·triples][r]}: the pairs' cross products
     */
    record Bootstrap(double[] sums, double[] cross) {
    }

    /** The pairs' first matrices of a batch of {@code triples} (QK, QV, KV of each). */
    static int[] firsts(int triples) {
        int[] first = new int[3 * triples];
        for (int c = 0; c < triples; c++) {
            first[3 * c] = 3 * c;
            first[3 * c + 1] = 3 * c;
            first[3 * c + 2] = 3 * c + 1;
        }
        return first;
    }

    /** The pairs' second matrices of a batch of {@code triples}. */
    static int[] seconds(int triples) {
        int[] second = new int[3 * triples];
        for (int c = 0; c < triples; c++) {
            second[3 * c] = 3 * c + 1;
            second[3 * c + 1] = 3 * c + 2;
            second[3 * c + 2] = 3 * c + 2;
        }
        return second;
    }

    /**
     * The sums by single calls of a backend's kernels on the matrices as they are (what a backend without a
     * prepared layout does).
     */
    static TripleResampling byCalls(KernelBackend kernels, float[] cos, float[] z, int triples, int n) {
        Checks.triples(cos, z, triples, n);
        int m = 3 * triples;
        int[] first = firsts(triples);
        int[] second = seconds(triples);
        return new TripleResampling() {
            @Override
            public int triples() {
                return triples;
            }

            @Override
            public int n() {
                return n;
            }

            @Override
            public double[] permutedWithinSums(int[] labels, int p) {
                return kernels.permutedWithinSums(cos, z, m, n, labels, p);
            }

            @Override
            public double[] permutedCrossSums(int[] perms, int p) {
                return kernels.permutedCrossSums(cos, m, n, first, second, perms, p);
            }

            @Override
            public Bootstrap bootstrap(int[] category, double[] weights, int r) {
                return new Bootstrap(kernels.bootstrapSums(cos, z, m, n, category, weights, r),
                        kernels.bootstrapCrossSums(cos, m, n, first, second, weights, r));
            }
        };
    }
}

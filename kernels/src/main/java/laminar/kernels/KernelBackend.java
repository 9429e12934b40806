package laminar.kernels;

/**
 * The batched numeric core of laminar: arrays in, arrays out.
 *
 * <p>Every method works on a <em>batch</em> of {@code m} items so that a GPU backend can process all
 * layers × {Q, K, V} in one dispatch. Inputs are float32 (as the notebook's activations); sums are
 * accumulated in double. Layouts are row-major and flat:
 * <ul>
 *   <li>rows: {@code [m][n][d]} — {@code m} matrices of {@code n} row vectors (words) of dimension {@code d};</li>
 *   <li>cosine matrices: {@code [m][n][n]}.</li>
 * </ul>
 *
 * <p>Example, the three cosine matrices of one layer:
 * <pre>{@code
 * KernelBackend k = Backends.get("java");
 * float[] cos = k.cosineMatrices(qkvRows, 3, nWords, nEmbd);   // [3][n][n]
 * double[] r = k.rsa(cos, 3, nWords, new int[] {0, 0, 1}, new int[] {1, 2, 2}); // Q-K, Q-V, K-V
 * }</pre>
 *
 * <p>Implementations must agree with {@link JavaKernels} (the reference) within float32 tolerance.
 */
public interface KernelBackend extends AutoCloseable {

    /** Short name used on the command line ({@code --backend java|tornado}). */
    String name();

    /** One line describing the device this backend runs on, for run summaries. */
    default String device() {
        return name();
    }

    /**
     * Cosine-similarity matrices: {@code out[b][i][j] = <x_i, x_j> / (|x_i| |x_j|)} for each matrix b.
     * Every value is within 1e-6 of the exact cosine of the float32 rows (the reference sums float32 products in
     * short float panels added in double, norms in double, {@code |x| = sqrt(<x, x>)}), rounded to float32 and
     * clamped to [-1, 1]; the matrix is exactly symmetric. A zero row gives NaN
     * similarities (the notebook divides by a zero norm as well). The reference additionally fixes the order of
     * the additions (see {@code DotTiles}), so its bits do not depend on threads or hardware; other backends need
     * only stay within the same 1e-6 of the exact value.
     *
     * @param rows {@code [m][n][d]} row vectors
     * @return {@code [m][n][n]}
     */
    float[] cosineMatrices(float[] rows, int m, int n, int d);

    /**
     * Pearson correlation of vector pairs: {@code out[b] = r(a[b], b[b])}, each of length {@code len}.
     *
     * @param a {@code [m][len]}
     * @param b {@code [m][len]}
     */
    double[] pearson(float[] a, float[] b, int m, int len);

    /**
     * Representational similarity: Pearson r between the strict upper triangles (k = 1, row-major order,
     * as {@code np.triu_indices(n, 1)}) of pairs of matrices taken from a batch of cosine matrices.
     *
     * @param cos {@code [m][n][n]}
     * @param first index of the first matrix of each pair
     * @param second index of the second matrix of each pair
     * @return {@code [pairs]}
     */
    double[] rsa(float[] cos, int m, int n, int[] first, int[] second);

    /**
     * Fisher-z transform (arctanh) of every value, with |r| clipped to {@link FisherZ#MAX_ABS_R}.
     */
    float[] fisherZ(float[] values);

    /**
     * Within- and across-category moments of the strict upper triangle of each matrix: counts, means and sums
     * of squared deviations (two-pass, in double). With {@code fisherZ}, values are Fisher-z transformed
     * (as {@link #fisherZ}, i.e. rounded to float32 like the notebook's {@code np.arctanh} on a float32 array)
     * before the moments are taken. An empty group has count 0, mean NaN and M2 0.
     *
     * @param cos {@code [m][n][n]}
     * @param category category code of each of the {@code n} words (any order, any codes)
     */
    GroupMoments[] groupMoments(float[] cos, int m, int n, int[] category, boolean fisherZ);

    /**
     * Permutation null of the within-category sums (category-selectivity tests): for each matrix b and each
     * relabelling q of the words, {@code Σ v_ij} and {@code Σ v_ij²} over the pairs i &lt; j that share a label under
     * {@code labels[q]}. The across sums follow from the totals (a relabelling with one label for all words). The host
     * kernel sums in float32 panels added in double: within 1.02e-6 of the exact sum relative to the sum of the
     * terms' absolute values (proof in {@code RowDots}); relabellings with the same partition give the same bits.
     *
     * <p>The default computes on the host ({@link JavaKernels}' code, SIMD where the Vector API is present), so a
     * device backend without its own kernel gives the reference's numbers.
     *
     * @param values {@code [m][n][n]} (cosine similarities, or their Fisher-z values)
     * @param labels {@code [p][n]} category code of each word under each relabelling
     * @return {@code [m][p][2]}: within sum, within sum of squares
     */
    default double[] permutedWithinSums(float[] values, int m, int n, int[] labels, int p) {
        return ResamplingKernels.host().permutedWithinSums(values, m, n, labels, p);
    }

    /**
     * {@link #permutedWithinSums(float[], int, int, int[], int)} of the cosines and of their Fisher-z values in one
     * call (the host kernel makes one pass over both; the two halves are the bits the single calls give). Default:
     * the two single calls.
     *
     * @param cos {@code [m][n][n]} cosine similarities
     * @param z {@code [m][n][n]} their Fisher-z values
     * @return {@code [m][p][4]}: within sum and sum of squares of cos, then of z
     */
    default double[] permutedWithinSums(float[] cos, float[] z, int m, int n, int[] labels, int p) {
        double[] c = permutedWithinSums(cos, m, n, labels, p);
        double[] f = permutedWithinSums(z, m, n, labels, p);
        double[] out = new double[2 * c.length];
        for (int i = 0; i < c.length / 2; i++) {
            out[4 * i] = c[2 * i];
            out[4 * i + 1] = c[2 * i + 1];
            out[4 * i + 2] = f[2 * i];
            out[4 * i + 3] = f[2 * i + 1];
        }
        return out;
    }

    /**
     * Mantel test's permutation null: for each matrix pair k and permutation q,
     * {@code Σ_{i<j} A_ij · B_{π(i)π(j)}} with A = {@code first[k]}, B = {@code second[k]} and π = {@code perms[q]}
     * (the words of B permuted, rows and columns together). The identity permutation gives the observed cross
     * product. Default: on the host, as {@link #permutedWithinSums}.
     *
     * @param cos {@code [m][n][n]}
     * @param perms {@code [p][n]} permutations of 0..n−1
     * @return {@code [pairs][p]}
     */
    default double[] permutedCrossSums(float[] cos, int m, int n, int[] first, int[] second, int[] perms, int p) {
        return ResamplingKernels.host().permutedCrossSums(cos, m, n, first, second, perms, p);
    }

    /**
     * Bootstrap sums over resampled words: a resample is given by its word counts c (how often each word was
     * drawn); a pair of distinct words (u, v) then occurs c_u·c_v times and a word with its own copy never. For
     * each matrix b and resample q: {@code Σ_{u<v} c_u c_v f(u, v)} for f = cos, cos², z, z² over the pairs in the
     * same category (within), then the same over all pairs (total). Default: on the host.
     *
     * @param cos {@code [m][n][n]} cosine similarities
     * @param z {@code [m][n][n]} their Fisher-z values
     * @param category category code of each word
     * @param weights {@code [r][n]} word counts of each resample
     * @return {@code [m][r][8]}: within (cos, cos², z, z²), total (cos, cos², z, z²)
     */
    default double[] bootstrapSums(float[] cos, float[] z, int m, int n, int[] category, double[] weights, int r) {
        return ResamplingKernels.host().bootstrapSums(cos, z, m, n, category, weights, r);
    }

    /**
     * Bootstrap cross products for the RSA: {@code Σ_{u<v} c_u c_v A_uv B_uv} for each pair k (A = first[k],
     * B = second[k]) and resample q. Default: on the host.
     *
     * @return {@code [pairs][r]}
     */
    default double[] bootstrapCrossSums(float[] cos, int m, int n, int[] first, int[] second, double[] weights,
                                        int r) {
        return ResamplingKernels.host().bootstrapCrossSums(cos, m, n, first, second, weights, r);
    }

    /**
     * The permutation and bootstrap sums of one batch of Q, K, V triples ({@code cos}, {@code z}:
     * {@code [3·triples][n][n]}), prepared once for the many draws the batch gets. The arrays must not change while
     * the result is in use. Default: the single calls above on the arrays as they are
     * ({@link TripleResampling#byCalls}).
     */
    default TripleResampling tripleResampling(float[] cos, float[] z, int triples, int n) {
        return TripleResampling.byCalls(this, cos, z, triples, n);
    }

    /**
     * Word × word similarity matrices under a {@link Measure}, after the features are standardized across the words
     * of each matrix ({@link Standardize}). {@code COSINE} with {@code NONE} is {@link #cosineMatrices}. Default: the
     * standardization and the measure's arithmetic on the host, the products on this backend's cosine kernel.
     *
     * @param rows {@code [m][n][d]}
     * @return {@code [m][n][n]}, symmetric; Euclidean gives {@code −‖x_i − x_j‖}
     */
    default float[] similarityMatrices(float[] rows, int m, int n, int d, Measure measure, Standardize standardize) {
        return MeasureKernels.similarity(this, rows, m, n, d, measure, standardize);
    }

    /**
     * {@link #rsa} under any {@link Compare}: Pearson is {@link #rsa} itself; Spearman and Kendall's τa are computed
     * on the host in O(m log m) per pair.
     *
     * @return {@code [pairs]}
     */
    default double[] compareMatrices(float[] mats, int m, int n, int[] first, int[] second, Compare compare) {
        return TriangleComparisons.pairs(this, mats, m, n, first, second, compare);
    }

    /**
     * Category-model fit: the comparison between each matrix's strict upper triangle and the categorical model
     * (1 for a pair of words in the same category, 0 otherwise). Default: on the host.
     *
     * @return {@code [m]}
     */
    default double[] categoryFit(float[] mats, int m, int n, int[] category, Compare compare) {
        return TriangleComparisons.categoryFit(mats, m, n, category, compare);
    }

    /**
     * Unit vectors of the centred Gram matrices of linear CKA (see {@code MeasureKernels#ckaVectors}): the CKA of
     * two of the m matrices is the dot product of their vectors ({@link #ckaDot}). Default: centring on the host,
     * the products on this backend's cosine kernel.
     *
     * @return {@code [m][n(n+1)/2]}
     */
    default float[] ckaVectors(float[] rows, int m, int n, int d) {
        return MeasureKernels.ckaVectors(this, rows, m, n, d);
    }

    /** Linear CKA of two vectors from {@link #ckaVectors}, each of {@code len} values starting at its offset. */
    static double ckaDot(float[] a, int offA, float[] b, int offB, int len) {
        return MeasureKernels.dot(a, offA, b, offB, len);
    }

    /** Frees what the backend holds (device buffers, compiled plans); the Java backend holds nothing. */
    @Override
    default void close() {
    }
}
